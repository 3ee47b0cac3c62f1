"""An option that several commands share is declared once (expandcontract/commands/_options.py):
the same name has the same help text in every command."""

from __future__ import annotations

from collections import defaultdict

import click

from expandcontract.cli import main


def option_helps(group: click.Group) -> dict[str, dict[str, str]]:
    """Every option name of every command of ``group``: {name: {command: help}}."""
    ctx = click.Context(group)
    helps: dict[str, dict[str, str]] = defaultdict(dict)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:  # an old spelling kept working
                for opt in (*param.opts, *param.secondary_opts):
                    helps[opt][name] = " ".join((param.help or "").split())
    return dict(helps)


def conflicts(group: click.Group) -> dict[str, dict[str, str]]:
    """The options whose help differs between two commands."""
    return {opt: by_command for opt, by_command in option_helps(group).items() if len(set(by_command.values())) > 1}


def test_every_shared_option_has_one_help_text():
    assert conflicts(main) == {}


def test_the_options_are_really_shared():
    helps = option_helps(main)
    for opt, at_least in {"--schema": 7, "--config": 7, "--var": 5, "--format": 8, "--database-url": 4,
                          "--pg-version": 3, "--dry-run": 3, "--lock-timeout": 3}.items():
        assert len(helps[opt]) >= at_least, (opt, sorted(helps[opt]))


def test_a_differing_help_is_found():
    @click.group()
    def group():
        pass

    @group.command("a")
    @click.option("--schema", help="Baseline schema.")
    @click.option("--var", help="Fill placeholders.")
    def a(schema, var):
        pass

    @group.command("b")
    @click.option("--schema", help="Baseline schema, for lock classification.")
    @click.option("--var", help="Fill  placeholders.")  # the same text, wrapped otherwise
    def b(schema, var):
        pass

    assert conflicts(group) == {"--schema": {"a": "Baseline schema.", "b": "Baseline schema, for lock classification."}}


def test_the_database_url_help_names_the_mysql_urls_the_runner_takes():
    from click.testing import CliRunner

    for command in ("plan", "apply", "abort", "status"):
        text = " ".join(CliRunner().invoke(main, [command, "--help"]).output.split())
        assert "PostgreSQL URL" not in text and "mysql://user:pass@host:3306/db (or mariadb://)" in text, command
