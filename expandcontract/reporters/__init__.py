"""Reporters: a lint result in, text out. Pure; the CLI decides where the text goes.

Each format is a module of this package with a ``render`` function, imported only when that
format is asked for (SARIF's rule documentation and GitLab's fingerprints are not paid by a
plain-text run)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..lint import LintResult

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "json", "github", "sarif", "gitlab")


def render(result: LintResult, fmt: str, **options) -> str:
    if fmt not in FORMATS:
        raise KeyError(fmt)
    renderer = import_module(f".{fmt}", __name__).render
    return renderer(result, **options) if options else renderer(result)
