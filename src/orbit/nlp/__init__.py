"""The spaCy integration point: pipeline loading and the components that wrap each stage
(the Doc attributes they fill are declared in orbit/doc_extensions.py, under every stage)."""
