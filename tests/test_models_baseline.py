"""A baseline from the models (--schema models.py:Base) for apps whose first tables come from
metadata.create_all, not from a migration: SQLAlchemy's own DDL for the target dialect."""

from __future__ import annotations

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
