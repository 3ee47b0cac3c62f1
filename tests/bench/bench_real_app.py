"""Benchmark: lint and check on a real public app's whole Alembic history, as an adopting team runs
them, with no patches: Prefect 3.1.0's server (98 PostgreSQL revisions), from its PyPI wheel.

Run explicitly: ``python tests/bench/bench_real_app.py [--scratch-url URL]`` (pytest does not
collect it; the wheel and an environment for it are cached as the tests cache them). Prints each
command's wall and CPU time, exit code and findings by rule; the baseline, measured in the same
run, is lint with ``--render offline`` (no database): online rendering is shown as a ratio to it.
"""

from __future__ import annotations

import argparse
import collections
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.real_app import real_app

VERSIONS = "prefect/server/database/migrations/versions/postgresql"


def timed(app, *args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = app.run(*args)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done, wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scratch-url", help="a PostgreSQL server for the scratch database [embedded]")
    options = parser.parse_args()
    scratch = ["--scratch-url", options.scratch_url] if options.scratch_url else []
    app = real_app("prefect", "3.1.0")
    old = real_app("prefect", "3.0.0", environment=False)
    runs = {
        "lint --render offline": ["lint", VERSIONS, "--no-cache", "--render", "offline", "--format", "json"],
        "lint (auto: online)": ["lint", VERSIONS, "--no-cache", "--format", "json", *scratch],
        "check 3.0.0 -> 3.1.0": ["check", VERSIONS, "--since", "97429116795e", "--format", "json", *scratch,
                                 "--old-app", f"{old.checkout}/prefect/server/database/orm_models.py:Base",
                                 "--new-app", "prefect.server.database.orm_models:Base"],
    }
    baseline = None
    for name, args in runs.items():
        done, wall, cpu = timed(app, *args)
        baseline = baseline or wall
        report = json.loads(done.stdout) if done.stdout.startswith("{") else {}
        print(f"{name}: exit {done.returncode}, {wall:.1f} s wall, {cpu:.1f} s CPU, "
              f"{wall / baseline:.1f}x the offline lint")
        if "summary" in report and "findings" in report["summary"]:
            by_rule = collections.Counter(f["code"] for f in report["findings"])
            print(f"  {report['summary']}")
            print("  " + ", ".join(f"{code} {n}" for code, n in sorted(by_rule.items())))
        elif "states" in report:
            print(f"  ok={report['ok']}, {len(report['states'])} states, {len(report['failures'])} failures")
        if done.returncode == 2:
            print("  " + done.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
