"""Reporters: a lint result in, text out. Pure; the CLI decides where the text goes."""

from __future__ import annotations

from collections.abc import Callable

from ..lint import LintResult

__all__ = ["FORMATS", "render"]


def _registry() -> dict[str, Callable[[LintResult], str]]:
    from . import github, gitlab, json, sarif, text

    return {
        "text": text.render,
        "json": json.render,
        "github": github.render,
        "sarif": sarif.render,
        "gitlab": gitlab.render,
    }


FORMATS = ("text", "json", "github", "sarif", "gitlab")


def render(result: LintResult, fmt: str, **options) -> str:
    renderer = _registry()[fmt]
    return renderer(result, **options) if options else renderer(result)
