"""Benchmarks here are run explicitly (``python tests/bench/bench_zero_downtime.py``), never by pytest."""

collect_ignore_glob = ["*.py"]
