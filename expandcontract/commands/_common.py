"""Options and helpers shared by commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..config import Config, load_config
from ..core.errors import ConfigError, InputError
from ..core.findings import Severity

__all__ = ["config_from", "merge_scratch_url", "parse_vars", "server_dialect", "split_commas", "write_output"]


def parse_vars(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        if "=" not in item:
            raise ConfigError(f"--var {item!r}: use NAME=VALUE")
        name, value = item.split("=", 1)
        out[name.strip()] = value
    return out


def split_commas(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--ignore EC101,EC102 --ignore EC203`` → the three codes, as ruff reads them.

    >>> split_commas(("EC101, EC102", "EC203"))
    ('EC101', 'EC102', 'EC203')
    """
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def config_from(
    config_path: str | None, anchor: str | None, **overrides
) -> Config:
    """Load the config file (explicit, or found from the first path upwards) and apply flags."""
    config = load_config(anchor or ".", explicit=config_path)
    if overrides.get("variables"):
        overrides["variables"] = {**config.variables, **overrides["variables"]}
    return config.with_overrides(**overrides)


def write_output(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(output, f"cannot write: {exc.strerror}") from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def severity_option(value: str | None) -> Severity | None:
    return Severity.parse(value) if value else None


def rendering_from(render: str, scratch_url: str | None, dialect: str):
    """The context every Alembic project is loaded in; none for the default options, which the
    loader uses outside any (``alembic.rendering.current_options``): a lint of SQL files does not
    import the rendering."""
    if (render, scratch_url, dialect) == ("auto", None, "postgres"):
        from contextlib import nullcontext

        return nullcontext()
    from ..alembic.rendering import RenderOptions, rendering

    return rendering(RenderOptions(mode=render, database_url=scratch_url, dialect=dialect))


def server_dialect(dialect: str | None, mysql_version: str | None, mariadb_version: str | None) -> str | None:
    """The dialect that ``--dialect``, ``--mysql-version`` and ``--mariadb-version`` give (either
    version implies mysql), after checking each version reads as one (ConfigError otherwise)."""
    for engine, version in (("mysql", mysql_version), ("mariadb", mariadb_version)):
        if version:
            from ..core.mysql.ddl import parse_server

            try:
                parse_server(engine, version)
            except ValueError as exc:
                raise ConfigError(f"--{engine}-version: {exc}") from None
    return dialect or ("mysql" if mysql_version or mariadb_version else None)


def merge_scratch_url(scratch_url: str | None, old_scratch_url: str | None) -> str | None:
    """One scratch URL from ``--scratch-url`` and its old spelling ``--database-url``."""
    if scratch_url and old_scratch_url and scratch_url != old_scratch_url:
        raise ConfigError("--database-url is the old spelling of --scratch-url: give one of them")
    return scratch_url or old_scratch_url
