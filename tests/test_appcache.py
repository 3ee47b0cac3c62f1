"""App sources: loaded once per run, kept between runs by what they are made of, never stale."""

from __future__ import annotations

import sys

import pytest

from expandcontract.check import appcache, loaders

MODELS = """\
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from .mixins import Stamped


class Base(DeclarativeBase):
    pass


class User(Stamped, Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
"""


def _forget(package: str) -> None:
    """The next import of ``package`` reads its files again (a new run would)."""
    for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[name]


@pytest.fixture
def project(tmp_path, monkeypatch):
    name = f"app_{abs(hash(str(tmp_path)))}"  # a package of its own: sys.modules outlives the test
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text(MODELS)
    (package / "mixins.py").write_text("class Stamped:\n    pass\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(appcache, "_loaded", {})
    loads = []
    real = loaders.load_app
    monkeypatch.setattr(loaders, "load_app", lambda sources: loads.append(sources) or real(sources))
    yield tmp_path, name, loads
    _forget(name)


def _columns(queries):
    return [(q.model.table, q.model.columns) for q in queries if q.model]


def test_a_source_is_loaded_once_per_run_and_then_from_the_cache(project, monkeypatch):
    root, name, loads = project
    source = f"{name}.models:Base"
    cache = root / "cache"
    first = appcache.load_app([source], cache)
    assert appcache.load_app([source, source], cache) == first * 2
    assert len(loads) == 1  # once in this run
    monkeypatch.setattr(appcache, "_loaded", {})  # a new run
    assert appcache.load_app([source], cache) == first
    assert len(loads) == 1  # from the cache: not imported again
    assert _columns(first) == [("users", ("id", "name"))]


def test_a_change_anywhere_in_the_project_loads_it_again(project, monkeypatch):
    root, name, loads = project
    source = f"{name}.models:Base"
    cache = root / "cache"
    appcache.load_app([source], cache)
    # a column from a mixin in another module of the package: the models file is unchanged
    _forget(name)
    (root / name / "mixins.py").write_text(
        "from sqlalchemy.orm import Mapped, mapped_column\n\n\nclass Stamped:\n"
        "    created: Mapped[int] = mapped_column(nullable=True)\n")
    monkeypatch.setattr(appcache, "_loaded", {})
    again = appcache.load_app([source], cache)
    assert len(loads) == 2
    assert _columns(again) == [("users", ("id", "name", "created"))]


def test_sql_sources_are_keyed_by_their_text(tmp_path, monkeypatch):
    monkeypatch.setattr(appcache, "_loaded", {})
    queries = tmp_path / "queries.sql"
    queries.write_text("SELECT id FROM users;")
    first = appcache.load_app([str(queries)], tmp_path / "cache")
    queries.write_text("SELECT name FROM users;")
    second = appcache.load_app([str(queries)], tmp_path / "cache")
    assert [q.text for q in first] != [q.text for q in second]
    assert appcache.source_key(str(queries)) != appcache.source_key(str(tmp_path / "missing.sql"))
    assert appcache.source_key("no_such_package_anywhere:Base") is None
