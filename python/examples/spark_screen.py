"""Screen a table of presentations on Apache Spark with prolo-triage.

    python python/examples/spark_screen.py INPUT OUTPUT [--master local[2]]

INPUT is JSON Lines (``*.jsonl`` / ``*.json``, one ``{"id": ...,
"presentation": {...}}`` per line, as ``batch --synthetic`` writes) or a
Parquet table (a ``presentation`` column of JSON strings or structs, and an
``id`` column). The presentation stays opaque JSON all the way: Spark reads
it as a string, ``mapInArrow`` hands each Arrow batch to
``prolo_triage.assess_arrow``, and no Python object is made per row.

OUTPUT is a Parquet table: ``id``, ``verdict``, ``summary``, ``blocking``,
``error_kind``, ``error_path``, ``error_message`` (a bad row is a row with
an error, never a failed job). The count per verdict is printed at the end.

Locally everything binds to the loopback interface and the UI is off. On a
cluster, ship the wheel to the executors in a packed virtual environment
and leave ``--master`` out (python/README.md, "On Spark")::

    PYSPARK_PYTHON=./environment/bin/python spark-submit --master yarn \\
        --archives screen-env.tar.gz#environment \\
        spark_screen.py hdfs:///in/presentations.jsonl hdfs:///out/screened
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from typing import Any

RESULT_SCHEMA = (
    "id string, verdict string, summary string, blocking array<string>, "
    "error_kind string, error_path string, error_message string"
)


def screen_batches(batches: Iterator[Any]) -> Iterator[Any]:
    """The mapInArrow function: each Arrow batch of (id, presentation) to a
    batch of results, on one thread (Spark runs one task per core)."""
    import prolo_triage
    import pyarrow as pa

    for batch in batches:
        results = prolo_triage.assess_arrow(batch.column("presentation"), jobs=1)
        ids = batch.column("id")
        if not pa.types.is_string(ids.type):
            ids = ids.cast(pa.string())
        columns = [ids] + [results.column(name).combine_chunks() for name in results.column_names]
        yield pa.RecordBatch.from_arrays(columns, names=["id", *results.column_names])


def session(master: str | None) -> Any:
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("prolo-triage screen")
    if master is not None:
        # A local run: loopback only, no UI.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (
            builder.master(master)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
        )
    return builder.getOrCreate()


def read(spark: Any, path: str) -> Any:
    if path.endswith((".jsonl", ".json", ".ndjson")):
        # A STRING field holding a JSON object reads as that object's text:
        # the presentation passes through unparsed.
        return spark.read.schema("id string, presentation string").json(path)
    return spark.read.parquet(path).select("id", "presentation")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSON Lines or Parquet presentations")
    parser.add_argument("output", help="Parquet folder for the results (replaced)")
    parser.add_argument(
        "--master", default=None, help="e.g. local[2]; leave out under spark-submit, which sets it"
    )
    parser.add_argument("--partitions", type=int, default=None, help="repartition the input first")
    args = parser.parse_args(argv)

    spark = session(args.master)
    try:
        started = time.perf_counter()
        frame = read(spark, args.input)
        if args.partitions:
            frame = frame.repartition(args.partitions)
        frame.mapInArrow(screen_batches, RESULT_SCHEMA).write.mode("overwrite").parquet(args.output)
        seconds = time.perf_counter() - started
        counts = spark.read.parquet(args.output).groupBy("verdict").count().collect()
        total = sum(row["count"] for row in counts)
        for row in sorted(counts, key=lambda r: (r["verdict"] is None, r["verdict"] or "")):
            print(f"{row['verdict'] or 'invalid (error rows)':<26} {row['count']:>10}")
        print(f"{'total':<26} {total:>10}")
        print(f"{total} rows in {seconds:.2f} s: {total / seconds:.0f} rows/s", file=sys.stderr)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
