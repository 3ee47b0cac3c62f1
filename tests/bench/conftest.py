# benchmarks run explicitly (python tests/bench/bench_lint.py), never under pytest
collect_ignore_glob = ["*.py"]
