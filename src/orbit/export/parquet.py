"""Parquet export of events, written in row groups so memory stays flat with the store's size."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Union

from ..model import Event
from .writers import CSV_COLUMNS, Located, with_origins, csv_row

# rows per Parquet row group: big enough for good compression, small enough to keep memory flat
ROW_GROUP = 50_000


def _schema():
    import pyarrow as pa

    types = {"quad_class": pa.int8(), "goldstein": pa.float32(), "negated": pa.bool_(), "hypothetical": pa.bool_(),
             "span_start": pa.int32(), "span_end": pa.int32(), "confidence": pa.float32(), "lat": pa.float64(),
             "lon": pa.float64(), "cluster_id": pa.int64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in CSV_COLUMNS])


def write_events_parquet(events: Iterable[Union[Event, Located]], path: str | Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    n = 0
    batch: list[list] = []
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        def flush():
            if batch:
                columns = list(zip(*batch))
                writer.write_table(pa.Table.from_arrays([pa.array(col, type=f.type) for col, f in zip(columns, schema)],
                                                        schema=schema))
                batch.clear()
        for located in with_origins(events):
            batch.append(csv_row(located))
            n += 1
            if len(batch) >= ROW_GROUP:
                flush()
        flush()
    return n
