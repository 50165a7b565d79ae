#!/usr/bin/env python3
"""Runs benches/peers/duckdb.sql on a file `jixiao generate` wrote.

    python3 benches/peers/run_duckdb.py IN.csv OUT.csv

DuckDB's default threads (one per core). Prints the query's own time (without Python's start)
to stderr.
"""
import pathlib
import sys
import time

import duckdb


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    sql = (pathlib.Path(__file__).with_name("duckdb.sql")).read_text(encoding="utf-8")
    quote = lambda p: p.replace("'", "''")
    t0 = time.perf_counter()
    con = duckdb.connect()
    con.execute(sql.format(src=quote(argv[1]), dst=quote(argv[2])))
    t1 = time.perf_counter()
    threads = con.execute("select current_setting('threads')").fetchone()[0]
    print(f"duckdb {duckdb.__version__} threads={threads} query={t1 - t0:.3f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
