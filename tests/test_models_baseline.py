"""A baseline from the models (--schema models.py:Base) for apps whose first tables come from
metadata.create_all, not from a migration: SQLAlchemy's own DDL for the target dialect."""

from __future__ import annotations

import json

from click.testing import CliRunner

from expandcontract.api import load_baseline
from expandcontract.cli import main

MODELS = '''
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id = sa.Column(sa.BigInteger, primary_key=True)
    email = sa.Column(sa.Text, nullable=False, index=True)
    name = sa.Column(sa.Text)


class Order(Base):
    __tablename__ = "orders"
    id = sa.Column(sa.BigInteger, primary_key=True)
    user_id = sa.Column(sa.BigInteger, sa.ForeignKey("users.id"), nullable=False)
'''


def models(tmp_path):
    (tmp_path / "models.py").write_text(MODELS)
    return f"{tmp_path / 'models.py'}:Base"


def test_the_baseline_is_the_models_ddl(tmp_path):
    schema = load_baseline(models(tmp_path))
    users = schema.table("users")
    assert list(users.columns) == ["id", "email", "name"]
    assert users.columns["email"].not_null and not users.columns["name"].not_null
    assert schema.index("ix_users_email") is not None
    assert schema.table("orders") is not None


def test_lint_and_check_take_the_models_as_baseline(tmp_path):
    source = models(tmp_path)
    (tmp_path / "m.sql").write_text("ALTER TABLE users ADD COLUMN plan text NOT NULL;\n")
    lint = CliRunner().invoke(main, ["lint", str(tmp_path / "m.sql"), "--schema", source, "--select", "EC305"])
    assert lint.exit_code == 1, lint.output
    assert "users.plan is NOT NULL without a default" in lint.output
    check = CliRunner().invoke(main, ["check", str(tmp_path / "m.sql"), "--schema", source, "--old-app", source])
    assert check.exit_code == 1, check.output
    assert "users" in check.output


def test_a_missing_models_file_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["lint", str(tmp_path), "--schema", f"{tmp_path / 'nope.py'}:Base"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr


DIALECT_MODELS = '''
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id = sa.Column(sa.BigInteger, primary_key=True)
    token = sa.Column(sa.Uuid, nullable=False)
'''


def test_a_package_module_baseline_is_written_for_the_target_dialect(tmp_path, monkeypatch):
    # package.module:Base imports from the working directory; sa.Uuid is a native uuid on
    # PostgreSQL but CHAR(32) in MySQL's and SQLite's DDL
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "__init__.py").write_text("")
    (tmp_path / "shop" / "models.py").write_text(DIALECT_MODELS)
    monkeypatch.chdir(tmp_path)
    token = {dialect: load_baseline("shop.models:Base", dialect=dialect).table("users").columns["token"].type
             for dialect in ("postgres", "mysql", "sqlite")}
    assert (token["postgres"].name, token["postgres"].mods) == ("uuid", None)
    assert (token["mysql"].name, token["mysql"].mods) == ("char", (32,))
    assert (token["sqlite"].name, token["sqlite"].mods) == ("char", (32,))
    # lint replays that DDL: restating the column as CHAR(32) changes no type (no EC501, which a
    # PostgreSQL uuid baseline would give) but drops its NOT NULL (EC504, from the MySQL catalog)
    (tmp_path / "m.sql").write_text("ALTER TABLE users MODIFY token CHAR(32);\n")
    lint = CliRunner().invoke(main, ["lint", str(tmp_path / "m.sql"), "--dialect", "mysql",
                                     "--schema", "shop.models:Base", "--format", "json"])
    assert lint.exit_code == 1, lint.output
    assert {f["code"] for f in json.loads(lint.stdout)["findings"]} == {"EC503", "EC504"}


SEQUENCE_MODELS = '''
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class Permission(Base):
    __tablename__ = "permissions"
    id = sa.Column(sa.Integer, sa.Sequence("permissions_id_seq"), primary_key=True)
    name = sa.Column(sa.Text)


class Role(Base):
    __tablename__ = "roles"
    id = sa.Column(sa.Integer, sa.Sequence("roles_id_seq", optional=True), primary_key=True)
'''


def test_a_columns_sequence_is_in_the_models_baseline(tmp_path):
    # create_all makes a column's named Sequence before its table (the column has no default: the
    # app's inserts call nextval('permissions_id_seq') by name); an optional one is left to SERIAL
    from expandcontract.api import read_baseline

    (tmp_path / "models.py").write_text(SEQUENCE_MODELS)
    ddl = read_baseline(f"{tmp_path / 'models.py'}:Base")
    assert ddl.index("CREATE SEQUENCE permissions_id_seq") < ddl.index("CREATE TABLE permissions")
    assert "roles_id_seq" not in ddl
    assert "permissions_id_seq" in load_baseline(f"{tmp_path / 'models.py'}:Base").sequences
