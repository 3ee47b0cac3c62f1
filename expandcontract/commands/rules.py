"""``expandcontract rules``: the rule table."""

from __future__ import annotations

import json

import click

from ..rules import all_rules
from ._options import format_option


@click.command("rules")
@format_option("text", "json")
def command(fmt: str) -> None:
    """List every rule: code, name, severity, family and squawk equivalent."""
    rules = all_rules()
    if fmt == "json":
        data = [{"code": r.code, "name": r.name, "severity": str(r.severity), "family": r.family,
                 "squawk": list(r.squawk)} for r in rules]
        click.echo(json.dumps(data, indent=2))
        return
    width = max(len(r.name) for r in rules)
    for r in rules:
        squawk = f"  (squawk: {', '.join(r.squawk)})" if r.squawk else ""
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity!s:<7}  {r.family:<13}{squawk}".rstrip())
