"""Configuration: ``[tool.expandcontract]`` in ``pyproject.toml`` or ``expandcontract.toml``.

``Config.from_mapping`` is pure and validates everything; ``load_config`` is the edge that
finds and reads the file. Flags given on the command line override the file (``with_overrides``).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .findings import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["Config", "ConfigError", "load_config"]

DIALECTS = ("postgres", "mysql", "sqlite")
RUNNERS = ("expandcontract", "other")


class ConfigError(ValueError):
    """A configuration problem, with the file (and line where known) it comes from."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(where + message)


@dataclass(frozen=True)
class Config:
    dialect: str = "postgres"
    pg_version: int = 16
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    schema: str | None = None  # baseline schema file
    paths: tuple[str, ...] = ()  # migration paths
    assume_in_transaction: bool = False  # an external tool wraps each file in BEGIN/COMMIT
    runner: str = "other"  # "expandcontract" when our runner executes (it sets lock_timeout)
    fail_on: Severity = Severity.ERROR
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    variables: Mapping[str, str] = field(default_factory=dict)
    old_app: tuple[str, ...] = ()
    new_app: tuple[str, ...] = ()
    source: str | None = None  # the file this came from
    base_dir: str = "."  # relative paths in the file resolve against its folder

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str | None = None) -> Config:
        """Validate a ``[tool.expandcontract]`` table.

        >>> Config.from_mapping({"pg_version": 12, "ignore": ["EC401"]}).pg_version
        12
        >>> Config.from_mapping({"pg_versoin": 12})
        Traceback (most recent call last):
        ...
        expandcontract.config.ConfigError: unknown key 'pg_versoin' in [tool.expandcontract]; known: ...
        """
        known = {f.name for f in fields(cls)} - {"source", "base_dir", "rule_options", "variables"}
        known |= {"rules", "vars"}
        values: dict[str, Any] = {}
        for key, value in data.items():
            name = key.replace("-", "_")
            if name not in known:
                raise ConfigError(
                    f"unknown key {key!r} in [tool.expandcontract]; known: {', '.join(sorted(known))}",
                    path=source,
                )
            values[name] = value
        try:
            return cls._validated(values, source)
        except (TypeError, ValueError) as exc:
            if isinstance(exc, ConfigError):
                raise
            raise ConfigError(str(exc), path=source) from None

    @classmethod
    def _validated(cls, v: dict[str, Any], source: str | None) -> Config:
        out: dict[str, Any] = {"source": source}
        if source:
            out["base_dir"] = str(Path(source).parent)
        if "dialect" in v:
            out["dialect"] = _choice("dialect", v["dialect"], DIALECTS)
        if "runner" in v:
            out["runner"] = _choice("runner", v["runner"], RUNNERS)
        if "pg_version" in v:
            version = v["pg_version"]
            if isinstance(version, str) and version.isdigit():
                version = int(version)
            if not isinstance(version, int) or not 9 <= version <= 19:
                raise ValueError(f"pg_version must be a major version from 9 to 19, not {v['pg_version']!r}")
            out["pg_version"] = version
        for key in ("select", "ignore", "paths", "old_app", "new_app"):
            if key in v:
                out[key] = _strings(key, v[key])
        for key in ("schema",):
            if key in v:
                if not isinstance(v[key], str):
                    raise ValueError(f"{key} must be a path string")
                out[key] = v[key]
        if "assume_in_transaction" in v:
            if not isinstance(v["assume_in_transaction"], bool):
                raise ValueError("assume_in_transaction must be true or false")
            out["assume_in_transaction"] = v["assume_in_transaction"]
        if "fail_on" in v:
            out["fail_on"] = Severity.parse(str(v["fail_on"]))
        severity = {}
        if "severity" in v:
            if not isinstance(v["severity"], Mapping):
                raise ValueError("severity must be a table of CODE = \"error\" | \"warning\" | \"info\"")
            for code, level in v["severity"].items():
                severity[code.upper()] = Severity.parse(str(level))
        out["severity"] = MappingProxyType(severity)
        options: dict[str, Mapping[str, Any]] = {}
        if "rules" in v:
            if not isinstance(v["rules"], Mapping):
                raise ValueError("rules must be a table of per-rule option tables: [tool.expandcontract.rules.EC401]")
            for code, opts in v["rules"].items():
                if not isinstance(opts, Mapping):
                    raise ValueError(f"rules.{code} must be a table of options")
                options[code.upper()] = MappingProxyType(dict(opts))
        out["rule_options"] = MappingProxyType(options)
        if "vars" in v:
            if not isinstance(v["vars"], Mapping):
                raise ValueError("vars must be a table of NAME = \"value\"")
            out["variables"] = MappingProxyType({str(k): str(x) for k, x in v["vars"].items()})
        return cls(**out)

    def with_overrides(self, **overrides: Any) -> Config:
        """Command-line flags win over the file; ``None`` means "not given"."""
        given = {k: v for k, v in overrides.items() if v is not None and v != ()}
        return replace(self, **given)

    def resolve(self, path: str) -> str:
        """A path from the config file, relative to the file's folder."""
        p = Path(path)
        return str(p if p.is_absolute() else Path(self.base_dir) / p)


def _choice(key: str, value: Any, choices: tuple[str, ...]) -> str:
    text = str(value).lower()
    if text == "postgresql":
        text = "postgres"
    if text not in choices:
        raise ValueError(f"{key} must be one of {', '.join(choices)}, not {value!r}")
    return text


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, (list, tuple)) or not all(isinstance(x, str) for x in value):
        raise ValueError(f"{key} must be a list of strings")
    return tuple(value)


def load_config(start: str | Path = ".", explicit: str | None = None) -> Config:
    """Find and read the configuration: ``explicit`` if given, else the nearest
    ``expandcontract.toml`` or ``pyproject.toml`` with a ``[tool.expandcontract]`` table,
    searching from ``start`` upwards. No file means the defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("config file not found", path=str(path))
        return _read(path)
    here = Path(start).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name in ("expandcontract.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                config = _read(candidate, required=name == "expandcontract.toml")
                if config is not None:
                    return config
    return Config()


def _read(path: Path, *, required: bool = True) -> Config | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"invalid TOML: {str(exc).split(' (at')[0]}", path=str(path), line=line) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(path)) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("expandcontract")
        if table is None:
            return None
    else:
        table = data.get("tool", {}).get("expandcontract", data)
    if not isinstance(table, Mapping):
        raise ConfigError("[tool.expandcontract] must be a table", path=str(path))
    return Config.from_mapping(table, source=str(path))
