"""Golden outputs: what lint, check, split, plan and rules print on tests/corpus and examples/.

    python tests/golden/update.py            # rewrite tests/golden/outputs/ from the current code
    python tests/golden/update.py --out DIR  # write them elsewhere (tests/test_golden_outputs.py)

Run the first form (and commit the result, saying so) only when a change of output is intended:
tests/test_golden_outputs.py fails on any other byte of difference. Every case runs the real
command line in process (click's test runner, from the folder a user would run it from); the
outputs hold no machine path (the repository is written <repo>, a scratch folder <out>) and no
timing.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "outputs"

LINT_FORMATS = ("text", "json", "github", "sarif", "gitlab")
CHECK_FORMATS = ("text", "json", "github", "sarif")
CORPUS_SPLIT_STEP = 13  # split every 13th corpus script (each on the schema its history leaves)

CHECK_COLUMN = ("--schema", "check_rename_column/schema.sql",
                "--old-app", "check_rename_column/app_old", "--new-app", "check_rename_column/app_new")
CHECK_TABLE = ("--schema", "check_rename_table/schema.sql",
               "--old-app", "check_rename_table/app_old", "--new-app", "check_rename_table/app_new")


def cases() -> list[tuple[str, str, tuple[str, ...]]]:
    """(output name, folder to run from relative to the repository, command line)."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for fmt in LINT_FORMATS:
        out.append((f"lint-examples.{fmt}", ".", ("lint", "examples/migrations", "--format", fmt)))
    for fmt in ("text", "json", "github"):  # sarif and gitlab: the examples show them, smaller
        out.append((f"lint-corpus.{fmt}", "tests/corpus", ("lint", "migrations", "--format", fmt)))
    for fmt in ("text", "json"):
        out.append((f"lint-corpus-broken.{fmt}", "tests/corpus", ("lint", "broken", "--format", fmt)))
        out.append((f"lint-alembic-app.{fmt}", ".", ("lint", "examples/alembic_app/alembic.ini", "--format", fmt)))
        out.append((f"lint-corpus-fail-on-info.{fmt}", "tests/corpus",
                    ("lint", "migrations", "--fail-on", "info", "--pg-version", "10", "--runner", "other",
                     "--format", fmt)))
    for fmt in CHECK_FORMATS:
        out.append((f"check-rename-column-unsafe.{fmt}", "examples",
                    ("check", "check_rename_column/unsafe.sql", *CHECK_COLUMN, "--format", fmt)))
        out.append((f"check-rename-column-safe.{fmt}", "examples",
                    ("check", "check_rename_column/safe", *CHECK_COLUMN, "--format", fmt)))
    for fmt in ("text", "json"):
        for name in ("one_transaction", "split_by_concurrently"):
            out.append((f"check-rename-table-{name}.{fmt}", "examples",
                        ("check", f"check_rename_table/{name}.sql", *CHECK_TABLE, "--format", fmt)))
        out.append((f"check-alembic-app.{fmt}", ".",
                    ("check", "examples/alembic_app/alembic.ini", "--since", "0001",
                     "--old-app", "examples/alembic_app/app_old/models.py:Base", "--format", fmt)))
        out.append((f"plan-examples.{fmt}", "examples", ("plan", "migrations", "--format", fmt)))
        out.append((f"rules.{fmt}", ".", ("rules", "--format", fmt)))
    for script in sorted((ROOT / "examples" / "migrations").glob("*.sql")):
        out.append((f"split-examples-{script.stem}", "examples",
                    ("split", f"migrations/{script.name}", "--out", "{out}")))
    out.append(("split-examples-01-alembic", "examples",
                ("split", "migrations/01_unsafe_rename_column.sql", "--format", "alembic", "--dry-run")))
    for project, entries in corpus_projects().items():
        for index in range(3, len(entries), CORPUS_SPLIT_STEP):
            entry = entries[index]
            if entry.is_dir():
                continue
            out.append((f"split-corpus/{project}__{entry.stem}.txt", "tests/corpus",
                        ("split", f"migrations/{project}/{entry.name}", "--dry-run",
                         "--schema", f"{{scratch}}/{project}_{index}.sql")))
    return out


def corpus_projects() -> dict[str, list[Path]]:
    corpus = ROOT / "tests" / "corpus" / "migrations"
    return {p.name: sorted(p.iterdir()) for p in sorted(corpus.iterdir()) if p.is_dir()}


def write_corpus_baselines(scratch: Path) -> None:
    """{project}_{index}.sql: every migration of the project before entry index, as one script."""

    def text(entry: Path) -> str:
        files = [entry / f"{phase}.sql" for phase in ("expand", "migrate", "contract")] if entry.is_dir() else [entry]
        return "\n;\n".join(f.read_text(encoding="utf-8-sig") for f in files if f.exists())

    for project, entries in corpus_projects().items():
        history = [text(e) for e in entries]
        for index in range(3, len(entries), CORPUS_SPLIT_STEP):
            (scratch / f"{project}_{index}.sql").write_text("\n;\n".join(history[:index]), encoding="utf-8")


def run(cwd: str, argv: tuple[str, ...], scratch: Path) -> str:
    from click.testing import CliRunner

    from expandcontract.cli import main

    out_dir = scratch / "out"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    argv = tuple(a.replace("{out}", str(out_dir)).replace("{scratch}", str(scratch)) for a in argv)
    here = os.getcwd()
    os.chdir(ROOT / cwd)
    try:
        result = CliRunner().invoke(main, list(argv), prog_name="expandcontract", catch_exceptions=True)
    finally:
        os.chdir(here)
    text = io.StringIO()
    text.write(f"$ (cd {cwd}) expandcontract {' '.join(argv)}\n")
    text.write(f"exit {result.exit_code}\n")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        text.write(f"exception {type(result.exception).__name__}: {result.exception}\n")
    text.write("--- stdout\n" + result.stdout)
    text.write("--- stderr\n" + result.stderr)
    if out_dir.exists():
        for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
            text.write(f"--- file {path.relative_to(out_dir).as_posix()}\n")
            text.write(path.read_text(encoding="utf-8"))
    return (text.getvalue()
            .replace(str(out_dir), "<out>")
            .replace(str(scratch), "<scratch>")
            .replace(str(ROOT), "<repo>"))


def generate(target: Path) -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        # an empty lint result cache of our own: the outputs are the linter's, never a cache's
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch) / "cache")
        write_corpus_baselines(Path(scratch))
        for name, cwd, argv in cases():
            path = target / (name if name.endswith(".txt") else f"{name}.txt")  # no tool reads them as code
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(run(cwd, argv, Path(scratch)), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GOLDEN, help="where to write [tests/golden/outputs]")
    generate(parser.parse_args().out.resolve())


if __name__ == "__main__":
    main()
