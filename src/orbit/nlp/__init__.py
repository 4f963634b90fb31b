"""Stage 2: the spaCy integration point (pipeline loading, components, Doc extensions)."""
