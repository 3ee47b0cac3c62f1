"""Benchmark: lint's lock claims against what PostgreSQL did (`trace`), on our own corpora.

Run explicitly: ``python tests/bench/bench_trace.py [--database-url URL] [--update-known] [--only NAME]``
(pytest does not collect it). The corpora are ours and real applications' whole Alembic
histories, as tests/real_app.py downloads them (their revisions render online, in the app's own
environment, so each runs in a child process of that interpreter): Prefect 3.1's server, which
the oracle test holds to the known list too, and, measured only (their environments are too
heavy for CI), Apache Airflow 2.10.5's, MLflow 2.19.0's, Apache Superset 4.1.1's, Optuna 4.1.0's
and dstack 0.18.30's (the last three added untuned, as held-out material). Each corpus runs on a fresh scratch
database (the embedded server by default), one transaction as lint models each; every statement
is labelled by the trace (see ``expandcontract/trace/labels.py``) and compared with the EC2xx
findings lint reports on it (all but EC214). Prints recall and precision per corpus, overall
and per reason, the disagreements, and which of them are not in the known list
(tests/trace_known.json, which the oracle test holds to). ``--update-known`` rewrites that list
from the corpora the oracle test runs (the measured-only apps' disagreements are printed, never
listed): stale entries go, new ones come in with the reason ``TODO: explain`` (which the oracle
test refuses until a person writes the reason).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from expandcontract.config import load_config  # noqa: E402
from expandcontract.scratch import disposable_server  # noqa: E402
from expandcontract.trace.api import trace_paths  # noqa: E402
from expandcontract.trace.compare import Disagreement, Score, score  # noqa: E402
from expandcontract.trace.labels import Reason  # noqa: E402

# (corpus, config anchor) — each a migration history of its own, traced on its own database
CORPORA = (
    "tests/corpus/migrations/app",
    "tests/corpus/migrations/flyway",
    "examples/migrations",
    "examples/alembic_app/alembic.ini",
)
# (name, version, migrations inside the unpacked wheel, config): a real app's history, run in its environment.
# Prefect's history begins with its initial migration, which builds every table on an empty database.
REAL_APPS = (
    ("prefect", "3.1.0", "prefect/server/database/migrations/versions/postgresql", {"starts_empty": True}),
)
# Measured here only, never in the known list: (name, version, migrations, config, baseline, environment,
# app factory): ``app factory`` is a Flask app's ``module:create_app`` whose revisions import modules that
# want its application context (they run inside it, as ``flask db upgrade`` runs them), else None.
# Airflow's history starts empty; its env.py imports airflow.settings, which wants a home and a
# configured database (revisions 0043 and 0073 write through that session, not the migration's).
# MLflow's first revision alters the tables its initial models create: they are the baseline.
MEASURED_APPS = (
    ("apache-airflow", "2.10.5", "airflow/alembic.ini", {"starts_empty": True}, None,
     {"AIRFLOW_HOME": "{home}", "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": "sqlite:///{home}/airflow.db",
      "AIRFLOW__CORE__LOAD_EXAMPLES": "False"}, None),
    ("mlflow", "2.19.0", "mlflow/store/db_migrations/alembic.ini", {},
     "mlflow.store.tracking.dbmodels.initial_models:Base", {}, None),
    # Apache Superset publishes only a source distribution (its top folder is the checkout); its
    # first revision builds its tables on an empty database; revisions import models that read the
    # app's config, so they load in its application context (its own database a SQLite file in a
    # fresh home: the revisions run on the scratch one).
    ("apache-superset", "4.1.1", "superset/migrations", {}, "flask_appbuilder.security.sqla.models:Model",
     {"SUPERSET_HOME": "{home}", "SUPERSET_SECRET_KEY": "scratch-only-not-a-secret"}, "superset.app:create_app"),
    # Optuna's RDB storage: its first revision builds every table on an empty database.
    ("optuna", "4.1.0", "optuna/storages/_rdb/alembic.ini", {"starts_empty": True}, None, {}, None),
    # dstack's server (its migrations need the server extra: alembic_postgresql_enum, sqlalchemy_utils):
    # its first revision builds every table on an empty database.
    ("dstack", "0.18.30", "dstack/_internal/server/migrations", {"starts_empty": True}, None, {}, None),
)
# requirements installed with an app: ones its lock file holds and its package leaves open, its PostgreSQL
# driver (an extra: SQLAlchemy 1.4 renders online through psycopg2)
PINS = {"apache-superset": ("marshmallow<4", "psycopg2-binary"), "dstack": ("dstack[server]==0.18.30",)}
KNOWN = ROOT / "tests" / "trace_known.json"
TODO = "TODO: explain"


def relative(path: str) -> str:
    p = Path(path)
    return (p.resolve().relative_to(ROOT) if p.is_absolute() else p).as_posix()


def run_corpus(corpus: str, database_url: str | None = None):
    config = load_config(str(ROOT / corpus))
    traced = trace_paths([str(ROOT / corpus)], config=config, database_url=database_url)
    return traced, score(traced.lint, traced.trace)


def run_real_app(name: str, version: str, migrations: str, settings: dict, database_url: str,
                 baseline: str | None = None, environment: dict[str, str] | None = None,
                 app_factory: str | None = None):
    """The app's history traced by its own interpreter (where its env.py imports), from its
    checkout, so files are named relative to it; the child prints the score and disagreements.
    ``baseline`` is lint's --schema (a file or the models' ``module:Base``), made on the scratch
    databases first; ``environment`` the variables the app's env.py needs (``{home}``: a fresh
    folder); ``app_factory`` a Flask ``module:create_app`` whose application context the revisions
    load in."""
    import subprocess
    import tempfile

    sys.path.insert(0, str(ROOT / "tests"))
    from real_app import real_app

    app = real_app(name, version, pins=PINS.get(name, ()))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(ROOT), PYTHONWARNINGS="ignore")
    with tempfile.TemporaryDirectory(prefix=f"{name}-home-") as home:
        env.update({k: v.format(home=home) for k, v in (environment or {}).items()})
        child_args = [str(app.python), __file__, "--child", migrations, json.dumps(settings),
                      "--database-url", database_url]
        if baseline:
            child_args += ["--schema", baseline]
        if app_factory:
            child_args += ["--app-factory", app_factory]
        done = subprocess.run(child_args, cwd=app.checkout, capture_output=True, text=True, env=env, timeout=900,
                              check=False)
    if done.returncode != 0:
        raise RuntimeError(f"tracing {name} {version} failed: {done.stderr.strip()[-2000:]}")
    out = json.loads(done.stdout)
    disagreements = tuple(Disagreement(d["file"], d["line"], d["statement"],
                                       {r: tuple(c) for r, c in d["lint"].items()},
                                       {r: tuple(t) for r, t in d["trace"].items()}) for d in out["disagreements"])
    s = out["score"]
    scored = Score({k: tuple(v) for k, v in s["recall"].items()}, {k: tuple(v) for k, v in s["precision"].items()},
                   s["statements"])
    return disagreements, out["failed"], scored


def child(migrations: str, settings: str, database_url: str, schema: str | None = None,
          app_factory: str | None = None) -> int:
    """In the app's interpreter: trace ``migrations`` (rendered online where offline cannot) and
    print the score and disagreements as JSON; with ``app_factory``, inside that Flask app's
    application context."""
    import contextlib
    import importlib

    from expandcontract.commands._common import rendering_from
    from expandcontract.config import Config

    config = Config(**json.loads(settings))
    with contextlib.ExitStack() as stack, contextlib.redirect_stdout(sys.stderr):  # stdout: the JSON alone
        if app_factory:
            module, _, factory = app_factory.partition(":")
            stack.enter_context(getattr(importlib.import_module(module), factory)().app_context())
        with rendering_from("auto", database_url, config.dialect):
            traced = trace_paths([migrations], config=config, schema=schema, database_url=database_url)
    s = score(traced.lint, traced.trace)
    print(json.dumps({
        "score": {"recall": s.recall_counts, "precision": s.precision_counts, "statements": s.statements},
        "failed": [[st.file, st.line, st.error] for st in traced.trace.statements if st.error is not None],
        "disagreements": [d.to_dict() for d in traced.disagreements],
    }))
    return 0


def merge(scores: list[Score]) -> Score:
    def add(tables):
        out: dict[str, tuple[int, int]] = {}
        for table in tables:
            for key, (total, hit) in table.items():
                t, h = out.get(key, (0, 0))
                out[key] = (t + total, h + hit)
        return out

    return Score(add(s.recall_counts for s in scores), add(s.precision_counts for s in scores),
                 sum(s.statements for s in scores))


def known_key(d: Disagreement) -> tuple[str, int, str]:
    return relative(d.file), d.line, d.kind


def load_known() -> dict[tuple[str, int, str], str]:
    if not KNOWN.exists():
        return {}
    return {(e["file"], e["line"], e["kind"]): e["why"] for e in json.loads(KNOWN.read_text(encoding="utf-8"))}


def write_known(disagreements: list[Disagreement], known: dict[tuple[str, int, str], str]) -> None:
    entries = []
    for d in sorted(disagreements, key=known_key):
        file, line, kind = known_key(d)
        entries.append({"file": file, "line": line, "kind": kind, "statement": " ".join(d.statement.split())[:120],
                        "lint": sorted(d.lint), "trace": sorted(d.trace),
                        "why": known.get((file, line, kind), TODO)})
    KNOWN.write_text(json.dumps(entries, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def report(total: Score) -> list[str]:
    lines = [f"{'reason':<22} {'recall':>7} {'(n)':>6}  {'precision':>9} {'(n)':>6}"]
    for reason in ("all", *(str(r) for r in Reason)):
        rc = total.recall_counts.get(reason, (0, 0))
        pc = total.precision_counts.get(reason, (0, 0))
        lines.append(f"{reason:<22} {fmt(total.recall(reason)):>7} {rc[0]:>6}  {fmt(total.precision(reason)):>9} "
                     f"{pc[0]:>6}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", help="a disposable database instead of the embedded server")
    parser.add_argument("--update-known", action="store_true",
                        help="rewrite tests/trace_known.json (from the corpora the oracle test holds to it)")
    parser.add_argument("--quiet", action="store_true", help="do not list the disagreements")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only the corpora whose name contains NAME (repeatable)")
    parser.add_argument("--child", nargs=2, metavar=("MIGRATIONS", "CONFIG"), help=argparse.SUPPRESS)
    parser.add_argument("--schema", help=argparse.SUPPRESS)
    parser.add_argument("--app-factory", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child, args.database_url, args.schema, args.app_factory)
    if args.only and args.update_known:
        parser.error("--update-known needs every corpus: drop --only")

    def chosen(name: str) -> bool:
        return not args.only or any(part in name for part in args.only)

    began = time.perf_counter()
    # (name, disagreements, failed statements, score, seconds, held to the known list)
    results: list[tuple[str, tuple[Disagreement, ...], int, Score, float, bool]] = []
    with disposable_server(args.database_url) as url:  # one server; a fresh database per corpus
        for corpus in filter(chosen, CORPORA):
            start = time.perf_counter()
            traced, s = run_corpus(corpus, url)
            failed = sum(st.error is not None for st in traced.trace.statements)
            results.append((corpus, traced.disagreements, failed, s, time.perf_counter() - start, True))
        apps = [(*app, None, None, None, True) for app in REAL_APPS]
        apps += [(*app, False) for app in MEASURED_APPS]
        for name, version, migrations, settings, baseline, environment, factory, held in apps:
            if not chosen(f"{name} {version}"):
                continue
            start = time.perf_counter()
            found, failed, s = run_real_app(name, version, migrations, settings, url, baseline, environment,
                                          factory)
            for file, line, error in failed:
                print(f"{name} {version}: {file}:{line}: failed on the server: {error}")
            results.append((f"{name} {version}: {migrations}", found, len(failed), s, time.perf_counter() - start,
                            held))
    print(f"{'corpus':<78} {'stmts':>6} {'failed':>6} {'hazards':>7} {'recall':>7} {'precision':>9} {'disagree':>8}")
    for corpus, found, failed, s, seconds, held in results:
        label = corpus if held else f"{corpus} [measured only]"
        print(f"{label:<78} {s.statements:>6} {failed:>6} {s.recall_counts.get('all', (0, 0))[0]:>7} "
              f"{fmt(s.recall('all')):>7} {fmt(s.precision('all')):>9} {len(found):>8}  {seconds:.1f} s")
    measured = [r for r in results if not r[5]]
    held_total = merge([r[3] for r in results if r[5]])
    total = merge([r[3] for r in results])
    print(f"\n{total.statements} statements in {time.perf_counter() - began:.1f} s; lint vs trace "
          f"(recall: of the trace's hazards, lint reported; precision: of lint's claims, the trace confirmed)")
    if measured:
        print(f"\nheld to the known list ({held_total.statements} statements):")
        print("\n".join(report(held_total)))
        print(f"\nall, the measured-only apps too ({total.statements} statements):")
    print("\n".join(report(total)))
    known = load_known()
    held = [d for r in results if r[5] for d in r[1]]
    unknown = [d for d in held if known_key(d) not in known]
    if not args.quiet:
        print("\ndisagreements (* = not in the known list):")
        for d in held:
            mark = "*" if known_key(d) not in known else " "
            print(f"{mark} {relative(d.file)}:{d.line}: {d.kind}: {d.lint_words()}; {d.trace_words()}")
        for corpus, found, *_ in measured:
            print(f"\ndisagreements of {corpus} (measured only: never in the known list):")
            for d in found:
                print(f"  {relative(d.file)}:{d.line}: {d.kind}: {d.lint_words()}; {d.trace_words()}")
    ran = [r[0].split(": ")[-1].removesuffix("alembic.ini") for r in results if r[5]]
    stale = {k for k in set(known) - {known_key(d) for d in held} if any(k[0].startswith(c) for c in ran)}
    print(f"\n{len(held)} disagreements held to the known list, {len(unknown)} not in it, {len(stale)} known ones "
          f"gone; {sum(len(r[1]) for r in measured)} more in the measured-only apps "
          f"({', '.join(r[0].split(':')[0] for r in measured) or 'none run'})")
    if args.update_known:
        write_known(held, known)
        print(f"wrote {relative(str(KNOWN))} (the measured-only apps left out)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
