"""alembic.ini is read as ``alembic`` reads it: relative paths against the working directory
(``%(here)s`` for the file's folder), ``prepend_sys_path`` first when a package resource is
imported, so the checkout wins over an installed copy, and a note says which was used."""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path

from click.testing import CliRunner

from expandcontract.cli import main

from .alembic_project import revision


def versions(folder: Path, column: str) -> None:
    folder.mkdir(parents=True)
    (folder / "0001_base.py").write_text(revision("0001", None, f"""
        from {folder.parts[-3]}.names import TABLE
        op.create_table(TABLE, sa.Column("id", sa.BigInteger, primary_key=True), sa.Column({column!r}, sa.Text))
    """))
    (folder / "0002_drop.py").write_text(revision("0002", "0001", f'op.drop_column("users", {column!r})'))


def package(root: Path, name: str, column: str) -> None:
    (root / name).mkdir(parents=True)
    (root / name / "__init__.py").write_text("")
    (root / name / "names.py").write_text("TABLE = 'users'\n")
    (root / name / "migrations" / "__init__.py").parent.mkdir()
    versions(root / name / "migrations" / "versions", column)


def test_script_location_is_relative_to_the_working_directory_as_alembic_reads_it(tmp_path, monkeypatch):
    name = "app_" + uuid.uuid4().hex[:8]
    package(tmp_path, name, "from_cwd")
    (tmp_path / "deploy").mkdir()
    ini = tmp_path / "deploy" / "alembic.ini"
    # alembic -c deploy/alembic.ini, run from the repository root
    ini.write_text(f"[alembic]\nscript_location = {name}/migrations\nprepend_sys_path = .\npath_separator = os\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "deploy/alembic.ini", "--format", "json", "--select", "EC301"])
    assert result.exit_code == 1, result.output
    [finding] = json.loads(result.stdout)["findings"]
    assert "from_cwd" in finding["message"]


def test_here_is_the_ini_files_folder(tmp_path, monkeypatch):
    name = "app_" + uuid.uuid4().hex[:8]
    package(tmp_path / "svc", name, "from_here")
    ini = tmp_path / "svc" / "alembic.ini"
    ini.write_text(f"[alembic]\nscript_location = %(here)s/{name}/migrations\nprepend_sys_path = %(here)s\npath_separator = os\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", str(ini), "--format", "json", "--select", "EC301"])
    assert result.exit_code == 1, result.output
    assert "from_here" in json.loads(result.stdout)["findings"][0]["message"]


def test_a_package_resource_comes_from_the_checkout_not_the_installed_copy(tmp_path, monkeypatch):
    name = "app_" + uuid.uuid4().hex[:8]
    package(tmp_path / "site", name, "installed")
    package(tmp_path / "checkout", name, "checkout")
    (tmp_path / "checkout" / "alembic.ini").write_text(
        f"[alembic]\nscript_location = {name}:migrations\nprepend_sys_path = .\npath_separator = os\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))  # the installed copy is importable
    monkeypatch.chdir(tmp_path / "checkout")
    try:
        result = CliRunner().invoke(main, ["lint", "alembic.ini", "--format", "json", "--select", "EC301"])
    finally:
        for module in [m for m in sys.modules if m.split(".")[0] == name]:
            del sys.modules[module]
    assert result.exit_code == 1, (result.output, result.exception)
    [finding] = json.loads(result.stdout)["findings"]
    assert "checkout" in finding["message"] and finding["file"].startswith(f"{name}/migrations/versions/")
    assert result.stderr == (
        f"expandcontract: alembic.ini: script_location {name}:migrations: imported {name} from {name} "
        f"(prepend_sys_path, the checkout), not the installed {tmp_path / 'site' / name}\n")
