"""The HTTP API (FastAPI) and the dashboard it serves."""
from .app import create_app

__all__ = ["create_app"]
