"""``expandcontract explain CODE`` and ``expandcontract rules``."""

from __future__ import annotations

import click

from ..core.errors import InputError
from ..docs import load_doc
from ..rules import rule_by_code


@click.command("explain")
@click.argument("code")
def command(code: str) -> None:
    """Print the documentation of a rule (by code, name or squawk name)."""
    rule = rule_by_code(code)
    if rule is None:
        raise InputError(code, "no such rule; `expandcontract rules` lists them")
    doc = load_doc(rule.code)
    if doc is None:
        raise InputError(rule.code, "rule has no documentation file")
    click.echo(doc.text.rstrip())
