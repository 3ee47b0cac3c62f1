"""The command line: a thin layer over library functions. Every command lives in
``expandcontract/commands/NAME.py`` and exposes ``command``; this module only gathers them and
turns expected failures (bad input, bad config) into one line on stderr and exit code 2."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from . import commands
from ._version import __version__

__all__ = ["main"]

EXIT_USAGE = 2


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        from .errors import UserError

        try:
            return super().invoke(ctx)
        except UserError as exc:
            click.echo(f"expandcontract: error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("expandcontract: interrupted", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="expandcontract")
def main() -> None:
    """Schema-migration safety for PostgreSQL: lint migrations, prove that the old and the new
    app work on every intermediate schema, split unsafe changes into expand/migrate/contract,
    and run them with lock timeouts, retries and resumable backfills."""


for _info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
    if not _info.name.startswith("_"):
        _module = importlib.import_module(f"{commands.__name__}.{_info.name}")
        main.add_command(_module.command)
