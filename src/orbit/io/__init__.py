"""Reading documents from paths: files, directories, JSONL corpora (feeds live in orbit.ingest)."""
from .readers import SUPPORTED_SUFFIXES, iter_documents, read_path

__all__ = ["SUPPORTED_SUFFIXES", "iter_documents", "read_path"]
