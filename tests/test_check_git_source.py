"""``--old-app git:REF:path/models.py:Base``: the base branch's models against the working tree's."""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner

from expandcontract.cli import main

MODELS = """
from sqlalchemy import BigInteger, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    {column}: Mapped[str] = mapped_column(Text)
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


REGISTRY = """
import sys

# like protobuf's descriptor pool: a module registered twice in one process fails
if getattr(sys, "_ec_test_pool", False):
    raise RuntimeError("duplicate file name app.proto")
sys._ec_test_pool = True
"""


def make_repo(tmp_path: Path, models: str = MODELS) -> Path:
    repo = tmp_path / "app"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "t")
    (repo / "models.py").write_text(models.format(column="name"))
    git(repo, "add", "models.py")
    git(repo, "commit", "-qm", "old models")
    (repo / "models.py").write_text(models.format(column="full_name"))  # the working tree: new app
    (repo / "schema.sql").write_text("CREATE TABLE users (id bigint PRIMARY KEY, name text);\n")
    return repo


def check(repo: Path, migration: str, monkeypatch) -> tuple[int, str]:
    (repo / "m.sql").write_text(migration)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["check", "m.sql", "--schema", "schema.sql",
                                       "--old-app", "git:HEAD:models.py:Base", "--new-app", "models.py:Base"])
    return result.exit_code, result.output


def test_old_models_from_git_break_on_a_plain_rename(tmp_path, monkeypatch):
    code, output = check(make_repo(tmp_path), "ALTER TABLE users RENAME COLUMN name TO full_name;", monkeypatch)
    assert code == 1, output
    assert "HEAD:models.py" in output  # the failure points at the models as they were at HEAD
    assert "users.name" in output


def test_old_models_from_git_pass_when_both_columns_exist_until_contract(tmp_path, monkeypatch):
    code, output = check(make_repo(tmp_path), (
        "-- expandcontract: phase expand\nALTER TABLE users ADD COLUMN full_name text;\n"
        "-- expandcontract: phase contract\nALTER TABLE users DROP COLUMN name;\n"), monkeypatch)
    assert code == 0, output


def test_old_models_from_git_and_the_working_tree_ones_register_in_processes_of_their_own(tmp_path, monkeypatch):
    # both versions register one process-global name: imported in one interpreter, the second fails
    code, output = check(make_repo(tmp_path, REGISTRY + MODELS),
                         "ALTER TABLE users RENAME COLUMN name TO full_name;", monkeypatch)
    assert code == 1, output
    assert "duplicate file name" not in output
    assert "HEAD:models.py" in output and "users.name" in output


def test_an_unknown_git_revision_is_one_line_and_exit_2(tmp_path, monkeypatch):
    repo = make_repo(tmp_path)
    (repo / "m.sql").write_text("SELECT 1;")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["check", "m.sql", "--schema", "schema.sql",
                                       "--old-app", "git:no-such-ref:models.py:Base", "--new-app", "models.py:Base"])
    assert result.exit_code == 2
    assert "no-such-ref" in result.output and "Traceback" not in result.output
