"""The fast path for the most common command lines: ``lint PATHS…`` with at most ``--format``,
``--no-cache``, ``--cache-dir`` and ``--config``, read here without importing click (about a
sixth of a small lint's start-up). :func:`lint_args` accepts only command lines that click reads
the same way; anything else (another option, an option given twice, a value that looks like an
option, ``--``, ``-``, help, shell completion) is left to click, which reads it as before or
explains what is wrong."""

from __future__ import annotations

import os
from collections.abc import Sequence

__all__ = ["lint_args", "serve"]

_FLAGS = {"--no-cache": "no_cache"}
_VALUED = {"--format": "fmt", "--cache-dir": "cache_dir", "--config": "config_path"}


def lint_args(argv: Sequence[str]) -> dict[str, object] | None:
    """The keyword arguments of ``_lint_run.run`` for ``argv`` (without the program name), or
    None when click should read it.

    >>> lint_args(["lint", "a.sql", "--format=json", "--no-cache", "migrations"])
    {'fmt': 'json', 'no_cache': True, 'paths': ('a.sql', 'migrations')}
    >>> lint_args(["lint", "--select", "EC101", "a.sql"]) is None
    True
    """
    if not argv or argv[0] != "lint" or "_EXPANDCONTRACT_COMPLETE" in os.environ:
        return None
    kwargs: dict[str, object] = {}
    paths = []
    i = 1
    while i < len(argv):
        arg = argv[i]
        i += 1
        if not arg.startswith("-"):
            paths.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name in _FLAGS and not eq:
            key, parsed = _FLAGS[name], True
        elif name in _VALUED:
            if not eq:
                if i >= len(argv):
                    return None
                value, i = argv[i], i + 1
            if not value or value.startswith("-"):
                return None
            key, parsed = _VALUED[name], value
        else:
            return None
        if key in kwargs:
            return None
        kwargs[key] = parsed
    if "fmt" in kwargs:
        from ..reporters import FORMATS

        if kwargs["fmt"] not in FORMATS:
            return None
    kwargs["paths"] = tuple(paths)
    return kwargs


def serve(argv: Sequence[str]) -> None:
    """Runs ``lint`` when :func:`lint_args` reads ``argv`` (and exits); returns otherwise."""
    kwargs = lint_args(argv)
    if kwargs is None:
        return
    from ._guard import guarded
    from ._lint_run import run

    with guarded():
        run(**kwargs)  # type: ignore[arg-type]
    raise SystemExit(0)  # (run always exits)  # pragma: no cover
