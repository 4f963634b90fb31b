"""Stage 8: running the same pipeline on a cluster (Dask)."""
