"""Benchmark: ``expandcontract lint`` against ``squawk`` on the same files, in the same run.

Run it explicitly (pytest never collects it)::

    python tests/bench/bench_lint.py                 # 5 repetitions, >= 10,000 statements
    python tests/bench/bench_lint.py --repeat 9 --min-statements 20000
    python tests/bench/bench_lint.py --big-mb 0      # without the 20 MB file
    python tests/bench/bench_lint.py --parts corpus,single   # some of the parts below

Four parts, each printing medians of ``--repeat`` runs:

1. **corpus**: tests/corpus/migrations copied until it holds ``--min-statements`` statements
   (counted by libpg_query). Interleaved: expandcontract in-process (``lint_paths``), the CLI
   cold (``--no-cache``), the CLI warm (the same command run before: the run cache prints its
   report), the CLI warm from the result cache alone (the run cache's entries deleted first: what
   a run whose command line or tree changed pays at most, before linting what changed), and
   squawk (the squawk-cli package), all with JSON output. Wall time, statements per second, CPU
   time (user + system; less disturbed by other load), and the expandcontract/squawk ratios.
2. **single file**: one small migration, the CLI cold and warm (both ways) against squawk and
   the bare interpreter (start-up cost); then the cold start with site disabled (``python -S``,
   site-packages and this checkout on PYTHONPATH) against ``python -S -c pass``, and how far each
   cold start is above its bare interpreter (the target: at most 60 ms with -S in all).
3. **growth**: generated migrations of ``--growth-base`` tables (each with an index and an added
   column) and 4x and 16x that: time and peak memory of the CLI (``--no-cache``) and the growth
   per 4x (linear is 4x; the target is at most 4.6x).
4. **big file**: a generated file of ``--big-mb`` MB must finish (time, peak memory, exit code).

Run with bytecode (``PYTHONDONTWRITEBYTECODE`` unset): otherwise every CLI run compiles the
package again.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pgparse

from expandcontract.api import lint_paths
from expandcontract.config import Config

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "migrations"
WARM_RESULTS = "expandcontract (CLI, warm, results)"


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


_MEASURE = """
import json, os, subprocess, sys, tempfile, time
start = time.perf_counter()
with tempfile.TemporaryFile() as err:
    child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=err)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    err.seek(0)
    tail = err.read()[-300:].decode("utf-8", "replace").strip()
print(json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status), tail]))
"""


def run_measured(command: list[str], cwd: Path, env: dict[str, str] | None = None,
                 ) -> tuple[float, float, float, int, str]:
    """One child process: (wall s, CPU s, peak resident MB, exit code, the end of its stderr),
    from the kernel's accounting of that child alone (wait4). Started by a small interpreter of
    its own: Linux carries a process's peak resident size over fork and exec, so a child of this
    (large) process would report at least this one's size."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True,
                          env=env)
    wall, cpu, maxrss, code, tail = json.loads(done.stdout.strip().splitlines()[-1])
    return wall, cpu, maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024), code, tail


def generated_migration(tables: int) -> str:
    """A squashed history or a pg_dump baseline in miniature: tables, each with an index and a
    column added later."""
    return "".join(f"CREATE TABLE t{i} (id bigint PRIMARY KEY, name text NOT NULL);\n"
                   f"CREATE INDEX t{i}_name_idx ON t{i} (name);\n"
                   f"ALTER TABLE t{i} ADD COLUMN note text;\n" for i in range(tables))


def print_runs(statements: int, runs: dict[str, list[tuple[float, float]]], baseline: str) -> None:
    medians = {name: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r))
               for name, r in runs.items()}
    print(f"\n{'tool':<40}{'wall s':>9}{'stmts/s':>10}{'CPU s':>9}")
    for name, (wall, cpu) in medians.items():
        print(f"{name:<40}{wall:>9.3f}{statements / wall:>10.0f}{cpu:>9.3f}")
    base_wall, base_cpu = medians[baseline]
    print(f"\nexpandcontract / {baseline} (time ratio; > 1 means expandcontract is slower):")
    for name, (wall, cpu) in medians.items():
        if name != baseline:
            print(f"  {name:<40} wall {wall / base_wall:5.2f}x   CPU {cpu / base_cpu:5.2f}x")


BARE = "python -c pass (bare interpreter)"
COLD = "expandcontract (CLI, cold)"
BARE_S = "python -S -c pass (bare interpreter)"
COLD_S = "expandcontract (CLI, cold, -S)"


def single_file(single: Path, root: Path, cli: list[str], cache: Path, squawk: str, repeat: int) -> None:
    """One small migration: the CLI cold and warm (both ways) against squawk and the bare
    interpreter, interleaved; then the cold start with site disabled (``python -S`` and the
    site-packages folder and this checkout on PYTHONPATH) against ``python -S -c pass``: what a
    machine whose site-packages runs no ``.pth`` file at start pays (some environments import
    packages from a ``.pth`` at every start, which no lint can avoid). Each run is measured on
    its own (wait4: the child's CPU time, its wall time from its start)."""
    checkout = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    normal_env = {**os.environ, "PYTHONPATH": checkout}  # (this checkout, not an installed copy)
    site_off_env = {**os.environ, "PYTHONPATH": os.pathsep.join([sysconfig.get_paths()["purelib"], str(ROOT)])}
    json_args = cli[cli.index("lint"):]  # lint --format json
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        BARE: ([sys.executable, "-c", "pass"], normal_env),
        COLD: ([*cli, "--no-cache", str(single)], normal_env),
        "expandcontract (CLI, warm)": ([*cli, "--cache-dir", str(cache), str(single)], normal_env),
        WARM_RESULTS: ([*cli, "--cache-dir", str(cache), str(single)], normal_env),
        "squawk (CLI)": ([squawk, "--reporter", "json", str(single)], normal_env),
        BARE_S: ([sys.executable, "-S", "-c", "pass"], site_off_env),
        COLD_S: ([sys.executable, "-S", "-c", "from expandcontract.__main__ import main; main()", *json_args,
                  "--no-cache", str(single)], site_off_env),
    }
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for command, env in commands.values():  # warm-up: bytecode written, the caches filled
        run_measured(command, root, env)
    for _ in range(repeat):
        for name, (command, env) in commands.items():
            if name == WARM_RESULTS:
                shutil.rmtree(cache / "v1" / "runs", ignore_errors=True)
            wall, cpu, _peak, code, tail = run_measured(command, root, env)
            if code not in (0, 1):
                raise SystemExit(f"{name} failed ({code}): {tail}")
            runs[name].append((wall, cpu))
    medians = {name: (1e3 * statistics.median(w for w, _ in r), 1e3 * statistics.median(c for _, c in r))
               for name, r in runs.items()}
    print(f"\nsingle file: {single.relative_to(root)} ({single.stat().st_size} bytes), median of {repeat} "
          "interleaved runs")
    for name, (wall, cpu) in medians.items():
        if name == BARE_S:
            print("  with site disabled (-S; PYTHONPATH: site-packages, this checkout):")
        print(f"  {name:<36} wall {wall:6.1f} ms   CPU {cpu:6.1f} ms")
    print("  cold start above the bare interpreter (the target: CLI, cold, -S <= 60 ms in all):")
    for cold, bare, label in ((COLD, BARE, "as run"), (COLD_S, BARE_S, "-S")):
        print(f"    {label:<7} wall {medians[cold][0] - medians[bare][0]:+6.1f} ms   "
              f"CPU {medians[cold][1] - medians[bare][1]:+6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--min-statements", type=int, default=10_000)
    parser.add_argument("--growth-base", type=int, default=1_000, help="tables in the 1x generated migration")
    parser.add_argument("--big-mb", type=float, default=20, help="size of the big generated file (0: skip it)")
    parser.add_argument("--parts", default="corpus,single,growth,big", help="which parts to run [all four]")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("warning: PYTHONDONTWRITEBYTECODE is set: the CLI figures include compiling the package")
    squawk = squawk_binary()
    version = subprocess.run([squawk, "--version"], capture_output=True, text=True).stdout.strip()
    cli = [sys.executable, "-m", "expandcontract", "lint", "--format", "json"]

    with tempfile.TemporaryDirectory(prefix="ec-bench-") as tmp:
        root = Path(tmp) / "corpus"
        cache = Path(tmp) / "cache"
        files, statements = build_workload(root, args.min_statements)
        relative = [str(p.relative_to(root)) for p in files]
        print(f"corpus: {len(files)} files, {statements} statements (libpg_query count), "
              f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB; {version}; "
              f"{os.cpu_count()} CPUs; {args.repeat} repetitions")

        def in_process() -> None:
            result = lint_paths([root], config=Config())
            assert result.statements == statements, (result.statements, statements)

        runs: dict[str, list[tuple[float, float]]] = {
            "expandcontract (in-process)": [], "expandcontract (CLI, cold)": [], "expandcontract (CLI, warm)": [],
            WARM_RESULTS: [], "squawk (CLI)": []}
        commands = {
            "expandcontract (CLI, cold)": [*cli, "--no-cache", *relative],
            "expandcontract (CLI, warm)": [*cli, "--cache-dir", str(cache), *relative],
            WARM_RESULTS: [*cli, "--cache-dir", str(cache), *relative],
            "squawk (CLI)": [squawk, "--reporter", "json", *relative],
        }
        if "corpus" in parts:
            in_process()  # warm up imports and the rule registry, as a long-lived process would be
            run_checked(commands["expandcontract (CLI, warm)"], root)  # fills the cache
            for _ in range(args.repeat):
                runs["expandcontract (in-process)"].append(timed(in_process))
                for name, command in commands.items():
                    if name == WARM_RESULTS:  # the run cache forgets the run: the result cache serves it
                        shutil.rmtree(cache / "v1" / "runs", ignore_errors=True)
                    runs[name].append(timed(lambda command=command: run_checked(command, root)))
            print_runs(statements, runs, "squawk (CLI)")

        # -- one small file: what a pre-commit hook on one new migration pays ------------------
        if "single" in parts:
            single_file(root / relative[0], root, cli, cache, squawk, max(args.repeat, 15))

        # -- growth: linear in the size of the migration ---------------------------------------
        if "growth" in parts:
            print(f"\ngrowth: generated migrations of {args.growth_base:,} tables x1, x4, x16 "
                  "(each table: CREATE TABLE, CREATE INDEX, ADD COLUMN); CLI --no-cache")
            print(f"{'size':>6}{'tables':>9}{'stmts':>9}{'MB':>7}{'wall s':>9}{'CPU s':>8}{'peak MB':>9}"
                  f"{'time x':>8}{'CPU x':>7}{'mem x':>7}")
            before = None
            for factor in (1, 4, 16):
                tables = args.growth_base * factor
                path = Path(tmp) / f"growth_{factor}.sql"
                path.write_text(generated_migration(tables))
                measured = [run_measured([*cli, "--no-cache", str(path)], Path(tmp)) for _ in range(args.repeat)]
                if any(m[3] not in (0, 1) for m in measured):
                    raise SystemExit(f"growth x{factor} failed: {measured[0][4]}")
                wall, cpu, peak = (statistics.median(m[i] for m in measured) for i in range(3))
                growth = (f"{wall / before[0]:8.2f}{cpu / before[1]:7.2f}{peak / before[2]:7.2f}" if before else "")
                print(f"{'x' + str(factor):>6}{tables:>9,}{3 * tables:>9,}{path.stat().st_size / 1e6:>7.1f}"
                      f"{wall:>9.2f}{cpu:>8.2f}{peak:>9.0f}{growth}")
                before = (wall, cpu, peak)
            print("  (time x / CPU x / mem x: against the size before, 4x the input; linear is 4.0, target <= 4.6)")

        # -- a big file finishes ---------------------------------------------------------------
        if args.big_mb > 0 and "big" in parts:
            per_table = len(generated_migration(1))
            tables = int(args.big_mb * 1e6 / per_table)
            path = Path(tmp) / "big.sql"
            path.write_text(generated_migration(tables))
            wall, cpu, peak, code, tail = run_measured([*cli, "--no-cache", str(path)], Path(tmp))
            print(f"\nbig file: {path.stat().st_size / 1e6:.1f} MB, {3 * tables:,} statements: exit {code}, "
                  f"wall {wall:.1f} s, CPU {cpu:.1f} s, peak {peak:,.0f} MB"
                  + (f"\n  stderr: {tail}" if code not in (0, 1) else ""))


if __name__ == "__main__":
    main()
