"""Models as they were at a git revision, imported in isolation from the working tree's."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from expandcontract.alembic import load_metadata_from_git
from expandcontract.alembic.gitsource import GitSourceError, load_models_from_git

BASE = """\
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
"""

MODELS_V1 = """\
from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column

from .db import Base


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
"""

MODELS_V2 = MODELS_V1.replace("    name: Mapped[str] = mapped_column(Text)\n",
                              "    full_name: Mapped[str] = mapped_column(Text)\n"
                              "    email: Mapped[str | None] = mapped_column(Text)\n")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path):
    """``shop/`` package with models at v1 committed (tag v1), v2 in the working tree."""
    package = tmp_path / "src" / "shop"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "db.py").write_text(BASE)
    (package / "models.py").write_text(MODELS_V1)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "v1")
    git(tmp_path, "tag", "v1")
    (package / "models.py").write_text(MODELS_V2)
    return tmp_path


def columns(metadata: sa.MetaData) -> dict[str, list[str]]:
    return {name: [c.name for c in table.columns] for name, table in metadata.tables.items()}


def test_loads_the_models_at_a_revision_while_the_working_tree_ones_are_imported(repo, monkeypatch):
    monkeypatch.syspath_prepend(str(repo / "src"))
    for name in [m for m in sys.modules if m == "shop" or m.startswith("shop.")]:  # another test's shop package
        monkeypatch.delitem(sys.modules, name)
    import shop.models as current  # the new app's models, already imported

    try:
        old = load_metadata_from_git("git:v1:src/shop/models.py:Base", repo)
        assert columns(old) == {"users": ["id", "name"]}
        assert columns(current.Base.metadata) == {"users": ["id", "full_name", "email"]}
        assert sys.modules["shop.models"] is current  # the working tree's modules are back
        assert old is not current.Base.metadata
        # relative to the folder given, and the metadata attribute found by itself
        assert columns(load_metadata_from_git("git:HEAD:shop/models.py", repo / "src")) == {"users": ["id", "name"]}
        # what a query-source loader needs: the named object (mapped classes) and the old text
        models = load_models_from_git("git:v1:src/shop/models.py:Base", repo)
        assert models.path == "src/shop/models.py"
        assert models.text == MODELS_V1
        assert [m.class_.__name__ for m in models.target.registry.mappers] == ["User"]
    finally:
        for name in [n for n in sys.modules if n == "shop" or n.startswith("shop.")]:
            del sys.modules[name]


def test_a_top_level_module_beside_its_helpers(tmp_path):
    (tmp_path / "tables.py").write_text("import sqlalchemy as sa\nfrom names import USERS\n"
                                        "metadata = sa.MetaData()\nsa.Table(USERS, metadata, sa.Column('id', sa.Integer))\n")
    (tmp_path / "names.py").write_text("USERS = 'accounts'\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "one")
    (tmp_path / "names.py").write_text("USERS = 'people'\n")
    assert columns(load_metadata_from_git("git:HEAD:tables.py:metadata", tmp_path)) == {"accounts": ["id"]}
    assert "names" not in sys.modules


@pytest.mark.parametrize(("spec", "message"), [
    ("git:nope:src/shop/models.py:Base", "unknown git revision 'nope'"),
    ("git:v1:src/shop/missing.py:Base", "src/shop/missing.py does not exist at v1"),
    ("git:v1:src/shop/models.py:Nope", "the module has no Nope"),
    ("git:v1:src/shop/models.py:Text", "Text is neither a MetaData nor has a .metadata"),
    ("git:v1:src/shop", "src/shop is not a Python file"),
    ("git:v1", "write git:REF:path/models.py:Base"),
])
def test_bad_specs_are_one_line_errors(repo, spec, message):
    with pytest.raises(GitSourceError) as error:
        load_metadata_from_git(spec, repo)
    assert str(error.value).startswith(f"{spec}: ")
    assert message in str(error.value)


def test_an_import_failure_names_the_old_file_and_line(repo):
    (repo / "src" / "shop" / "models.py").write_text(MODELS_V1 + "\nraise RuntimeError('boom')\n")
    git(repo, "commit", "-q", "-am", "broken")
    with pytest.raises(GitSourceError) as error:
        load_metadata_from_git("git:HEAD:src/shop/models.py:Base", repo)
    line = len(MODELS_V1.splitlines()) + 2
    assert str(error.value) == (f"git:HEAD:src/shop/models.py:Base: importing the models at HEAD failed: "
                                f"src/shop/models.py:{line} RuntimeError: boom")


def test_outside_a_repository(tmp_path):
    (tmp_path / "models.py").write_text(textwrap.dedent("x = 1\n"))
    with pytest.raises(GitSourceError, match="is not inside a git repository"):
        load_metadata_from_git("git:HEAD:models.py", tmp_path)
