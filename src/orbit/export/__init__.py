"""Output formats for events and documents. One writer per format, looked up by name."""
from .gdelt import Origin, event_id
from .writers import DOCUMENT_FORMATS, EVENT_FORMATS, write_documents, write_events

__all__ = ["DOCUMENT_FORMATS", "EVENT_FORMATS", "Origin", "event_id", "write_documents", "write_events"]
