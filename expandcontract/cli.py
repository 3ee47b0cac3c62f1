"""The command line: a thin layer over library functions. Every command lives in
``expandcontract/commands/NAME.py`` and exposes ``command``; this module only gathers them and
turns expected failures (bad input, bad config) into one line on stderr and exit code 2."""

from __future__ import annotations

import importlib
from functools import cache

import click

from . import commands
from ._version import __version__
from .commands._guard import guarded

__all__ = ["main"]


class _Group(click.Group):
    """Imports a command's module only when that command runs, so ``lint`` does not pay for the
    runner's database driver; ``--help`` imports them all to list them. A command's name is its
    module's name, with dashes for underscores."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name.replace("_", "-") for name in _command_modules()]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = cmd_name.replace("-", "_")
        if module.startswith("_") or not module.isidentifier():
            return None
        name = f"{commands.__name__}.{module}"
        try:  # imported directly, not looked up in the listing first: a run pays for one module
            return importlib.import_module(name).command
        except ModuleNotFoundError as exc:
            if exc.name == name:
                return None
            raise

    def invoke(self, ctx: click.Context):
        with guarded(lambda message: click.echo(message, err=True)):
            return super().invoke(ctx)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="expandcontract")
def main() -> None:
    """Schema-migration safety for PostgreSQL: lint migrations, prove that the old and the new
    app work on every intermediate schema, split unsafe changes into expand/migrate/contract,
    and run them with lock timeouts, retries and resumable backfills."""


@cache
def _command_modules() -> tuple[str, ...]:
    import pkgutil

    return tuple(sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")))
