"""Benchmark: ``expandcontract lint`` against ``squawk`` on the same files, in the same run.

Run it explicitly (pytest never collects it)::

    python tests/bench/bench_lint.py                 # 5 repetitions, >= 10,000 statements
    python tests/bench/bench_lint.py --repeat 9 --min-statements 20000

The corpus (tests/corpus/migrations) is copied as many times as needed to reach
``--min-statements`` statements (counted by libpg_query). Each repetition times, interleaved:
expandcontract in-process (``expandcontract.api.lint_paths``), expandcontract as a CLI
subprocess (``--format json``), and squawk (the squawk-cli package, ``--reporter json``) on the
same list of files. Reported: median wall time, statements per second, median CPU time (user +
system; less disturbed by other load on the machine), and the expandcontract/squawk ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pgparse

from expandcontract.api import lint_paths
from expandcontract.config import Config

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "migrations"


def build_workload(root: Path, min_statements: int) -> tuple[list[Path], int]:
    """Copies of the corpus under ``root`` until they hold ``min_statements``; the files and count."""
    per_copy = sum(len(pgparse.parse(p.read_bytes().decode("utf-8-sig"))) for p in CORPUS.rglob("*.sql"))
    copies = -(-min_statements // per_copy)
    for index in range(copies):
        shutil.copytree(CORPUS, root / f"copy{index:02d}")
    return sorted(root.rglob("*.sql")), per_copy * copies


def squawk_binary() -> str:
    beside_python = Path(sys.executable).with_name("squawk")
    found = str(beside_python) if beside_python.exists() else shutil.which("squawk")
    if not found:
        raise SystemExit("squawk not found: pip install squawk-cli")
    return found


def timed(action: Callable[[], None]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its children)."""
    before_self = resource.getrusage(resource.RUSAGE_SELF)
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    action()
    wall = time.perf_counter() - start
    after_self = resource.getrusage(resource.RUSAGE_SELF)
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(
        getattr(after, f) - getattr(before, f)
        for after, before in ((after_self, before_self), (after_children, before_children))
        for f in ("ru_utime", "ru_stime")
    )
    return wall, cpu


def run_checked(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):  # 1: findings, which the corpus has plenty of
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr[:500]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--min-statements", type=int, default=10_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ec-bench-") as tmp:
        root = Path(tmp)
        files, statements = build_workload(root, args.min_statements)
        relative = [str(p.relative_to(root)) for p in files]
        squawk = squawk_binary()
        version = subprocess.run([squawk, "--version"], capture_output=True, text=True).stdout.strip()
        print(f"workload: {len(files)} files, {statements} statements (libpg_query count), "
              f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB; {version}; "
              f"{os.cpu_count()} CPUs; {args.repeat} repetitions")

        def in_process() -> None:
            result = lint_paths([root], config=Config())
            assert result.statements == statements, (result.statements, statements)

        def cli() -> None:
            run_checked([sys.executable, "-m", "expandcontract", "lint", "--format", "json", *relative], root)

        def squawk_run() -> None:
            run_checked([squawk, "--reporter", "json", *relative], root)

        runs: dict[str, list[tuple[float, float]]] = {"expandcontract (in-process)": [],
                                                      "expandcontract (CLI)": [], "squawk (CLI)": []}
        in_process()  # warm up imports and the rule registry, as a long-lived process would be
        for _ in range(args.repeat):
            runs["expandcontract (in-process)"].append(timed(in_process))
            runs["expandcontract (CLI)"].append(timed(cli))
            runs["squawk (CLI)"].append(timed(squawk_run))

    medians = {name: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r))
               for name, r in runs.items()}
    print(f"\n{'tool':<30}{'wall s':>9}{'stmts/s':>10}{'CPU s':>9}")
    for name, (wall, cpu) in medians.items():
        print(f"{name:<30}{wall:>9.3f}{statements / wall:>10.0f}{cpu:>9.3f}")
    squawk_wall, squawk_cpu = medians["squawk (CLI)"]
    print("\nexpandcontract / squawk (time ratio; > 1 means expandcontract is slower):")
    for name in ("expandcontract (in-process)", "expandcontract (CLI)"):
        wall, cpu = medians[name]
        print(f"  {name:<28} wall {wall / squawk_wall:5.2f}x   CPU {cpu / squawk_cpu:5.2f}x")


if __name__ == "__main__":
    main()
