"""Reporters: a lint or check result in, text out. Pure; the CLI decides where the text goes.

Each format is a module of this package with a ``render`` function that takes either result
(the annotation formats through the common shape of ``items``), imported only when that format
is asked for (SARIF's rule documentation and GitLab's fingerprints are not paid by a plain-text
run)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..check.result import CheckResult
    from ..result import LintResult

__all__ = ["CHECK_FORMATS", "FORMATS", "render"]

FORMATS = ("text", "json", "github", "sarif", "gitlab")  # lint
CHECK_FORMATS = ("text", "json", "github", "sarif")


def render(result: LintResult | CheckResult, fmt: str, **options) -> str:
    from ..result import LintResult

    if fmt not in (FORMATS if isinstance(result, LintResult) else CHECK_FORMATS):
        raise KeyError(fmt)
    renderer = import_module(f".{fmt}", __name__).render
    return renderer(result, **options) if options else renderer(result)
