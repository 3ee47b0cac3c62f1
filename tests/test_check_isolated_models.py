"""App sources load in a subprocess of their own: two versions of one package, process-global
registries and models spread over several modules all load as the app loads them."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from expandcontract.check.loaders import load_app
from expandcontract.cli import main
from expandcontract.sources import InputError

MODELS = '''
import sys
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

# like protobuf's descriptor pool: a second import in one process fails
if getattr(sys, "_ec_test_registry", None) == __file__.rsplit("/", 3)[-3]:
    raise RuntimeError("duplicate file name app.proto")
sys._ec_test_registry = __file__.rsplit("/", 3)[-3]


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id = sa.Column(sa.BigInteger, primary_key=True)
    {column} = sa.Column(sa.Text)
'''


def tree(root: Path, column: str) -> Path:
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "models.py").write_text(textwrap.dedent(MODELS).replace("{column}", column))
    return root / "app" / "models.py"


def columns(queries) -> dict[str, tuple[str, ...]]:
    return {q.model.table: q.model.columns for q in queries}


def test_two_versions_of_one_package_load_side_by_side(tmp_path):
    old = tree(tmp_path / "old", "name")
    new = tree(tmp_path / "new", "full_name")
    assert columns(load_app([f"{old}:Base"])) == {"users": ("id", "name")}
    assert columns(load_app([f"{new}:Base"])) == {"users": ("id", "full_name")}
    # and again, in the same process: each load has a fresh interpreter (no "duplicate file name")
    both = load_app([f"{old}:Base", f"{new}:Base"])
    assert [q.model.columns for q in both] == [("id", "name"), ("id", "full_name")]


def test_a_model_spread_over_several_modules_is_loaded_whole(tmp_path, monkeypatch):
    package = tmp_path / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "base.py").write_text("from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n"
                                     "    pass\n")
    for name in ("users", "orders"):
        (package / f"{name}.py").write_text(
            "import sqlalchemy as sa\nfrom .base import Base\n\n\n"
            f"class {name.title()}(Base):\n    __tablename__ = {name!r}\n"
            "    id = sa.Column(sa.BigInteger, primary_key=True)\n")
    monkeypatch.chdir(tmp_path)
    # the package: every module of it is imported
    assert set(columns(load_app(["shop:base.Base"]))) == {"users", "orders"}
    # or the modules named one by one
    assert set(columns(load_app(["shop.base,shop.users,shop.orders:Base"]))) == {"users", "orders"}
    # one module alone sees only what it imports
    assert set(columns(load_app(["shop.users:Base"]))) == {"users"}


def test_the_checkout_wins_over_an_installed_copy_and_the_message_says_which(tmp_path, monkeypatch, capfd):
    installed = tree(tmp_path / "site", "name")
    checkout = tree(tmp_path / "checkout", "full_name")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(installed.parents[1]), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.chdir(checkout.parents[1])
    assert columns(load_app(["app.models:Base"])) == {"users": ("id", "full_name")}
    err = capfd.readouterr().err
    assert f"imported app from app (the source tree), not the installed {installed.parent}" in err


def test_a_failing_import_is_one_line_naming_the_app_file(tmp_path):
    models = tree(tmp_path / "x", "name")
    models.write_text(models.read_text() + "\nraise ValueError('boom')\n")
    with pytest.raises(InputError, match=r"cannot import app\.models: .*models\.py:\d+: ValueError: boom"):
        load_app([f"{models}:Base"])


def test_check_with_old_and_new_trees_of_one_package(tmp_path):
    old = tree(tmp_path / "old", "name")
    new = tree(tmp_path / "new", "full_name")
    (tmp_path / "schema.sql").write_text("CREATE TABLE users (id bigint PRIMARY KEY, name text);\n")
    (tmp_path / "m.sql").write_text("ALTER TABLE users RENAME COLUMN name TO full_name;\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "m.sql"), "--schema", str(tmp_path / "schema.sql"),
                                       "--old-app", f"{old}:Base", "--new-app", f"{new}:Base"])
    assert result.exit_code == 1, result.output
    assert "column users.name does not exist" in result.output


def test_models_the_revisions_already_imported_load_again_for_check(tmp_path, monkeypatch):
    """Revisions that import the app's models (``from app.models import User``) no longer make
    ``app/models.py:Base`` fail with "Table 'users' is already defined for this MetaData"."""
    from .alembic_project import make_project, revision

    name = "app_" + os.urandom(4).hex()
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "base.py").write_text("from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n"
                                     "    pass\n")
    (package / "models.py").write_text(textwrap.dedent(f'''
        import sqlalchemy as sa
        from {name}.base import Base


        class User(Base):
            __tablename__ = "users"
            id = sa.Column(sa.BigInteger, primary_key=True)
            email = sa.Column(sa.Text)
    '''))
    ini = make_project(tmp_path, {"0001_base": revision("0001", None, f"""
        from {name}.models import User
        op.create_table("users", *[c.copy() for c in User.__table__.columns])
    """)})
    monkeypatch.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["check", str(ini), "--new-app", f"{package / 'models.py'}:Base",
                                           "--old-app", f"{name}.models:Base", "--since", "0001"])
    finally:
        for module in [m for m in list(__import__("sys").modules) if m.split(".")[0] == name]:
            del __import__("sys").modules[module]
    assert result.exit_code == 0, result.output
    assert "already defined" not in result.output


def test_a_packages_init_file_loads_every_module_and_foreign_keys_to_other_models_are_kept(tmp_path):
    # as Airflow's models are: a lazy package __init__, Base in base.py, the models in modules of
    # their own, and a foreign key to a table another library's models define (ab_user)
    package = tmp_path / "old" / "app" / "models"
    package.mkdir(parents=True)
    (tmp_path / "old" / "app" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("def __getattr__(name):\n    raise AttributeError(name)\n")
    (package / "base.py").write_text("from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n"
                                     "    pass\n")
    (package / "note.py").write_text(textwrap.dedent('''
        import sqlalchemy as sa
        from .base import Base


        class Note(Base):
            __tablename__ = "dag_run_note"
            id = sa.Column(sa.BigInteger, primary_key=True)
            user_id = sa.Column(sa.Integer, sa.ForeignKey("ab_user.id"))
    '''))
    assert columns(load_app([f"{package / '__init__.py'}:base.Base"])) == {"dag_run_note": ("id", "user_id")}
