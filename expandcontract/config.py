"""Configuration: ``[tool.expandcontract]`` in ``pyproject.toml`` or ``expandcontract.toml``.

``Config.from_mapping`` is pure and validates everything; ``load_config`` is the edge that
finds and reads the file. Flags given on the command line override the file (``with_overrides``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .core.errors import ConfigError
from .core.findings import Severity
from .core.lazyre import LazyPattern
from .core.record import field, fields, record, replace
from .paths import display_path
from .runcache import note_absent, read_bytes

__all__ = ["Config", "load_config"]

DIALECTS = ("postgres", "mysql", "sqlite")
RUNNERS = ("expandcontract", "other")


@contextmanager
def _about(key: str, source: str | None) -> Iterator[None]:
    """Turn a ValueError/TypeError raised while validating ``key`` into a ConfigError about it."""
    try:
        yield
    except ConfigError as exc:
        if exc.key is None:
            raise ConfigError(exc.message, path=source, key=key) from None
        raise
    except (TypeError, ValueError) as exc:
        raise ConfigError(str(exc), path=source, key=key) from None


@record(frozen=True)
class Config:
    """The settings of a run: ``[tool.expandcontract]`` merged with the command-line flags."""

    dialect: str = "postgres"
    pg_version: int = 16
    mysql_version: str | None = None  # --dialect mysql: the target MySQL (8.0, 8.4) …
    mariadb_version: str | None = None  # … or MariaDB (10.6, 10.11, 11.4); default MySQL 8.0
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
    # the session TimeZone the migrations run with: "UTC" lets timestamp -> timestamptz skip the
    # rewrite (PostgreSQL 12+); unset, lint assumes it may be any zone
    timezone: str | None = None
    # the first migration runs on an empty database (the history builds the whole schema): lint
    # then knows every table and index, as with a baseline schema
    starts_empty: bool = False
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
        expandcontract.core.errors.ConfigError: unknown key 'pg_versoin' in [tool.expandcontract]; known: ...
        """
        known = {f.name for f in fields(cls)} - {"source", "base_dir", "rule_options", "variables"}
        known |= {"rules", "vars"}
        values: dict[str, Any] = {}
        for key, value in data.items():
            name = key.replace("-", "_")
            if name not in known:
                raise ConfigError(
                    f"unknown key {key!r} in [tool.expandcontract]; known: {', '.join(sorted(known))}",
                    path=source, key=key,
                )
            values[name] = value
        config = cls._validated(values, source)
        _check_rule_references(config, data)
        return config

    @classmethod
    def _validated(cls, v: dict[str, Any], source: str | None) -> Config:
        out: dict[str, Any] = {"source": source}
        if source:
            out["base_dir"] = str(Path(source).parent)
        for key, choices in (("dialect", DIALECTS), ("runner", RUNNERS)):
            if key in v:
                with _about(key, source):
                    out[key] = _choice(key, v[key], choices)
        if "pg_version" in v:
            version = v["pg_version"]
            if isinstance(version, str) and version.isdigit():
                version = int(version)
            if not isinstance(version, int) or isinstance(version, bool) or not 9 <= version <= 19:
                raise ConfigError(f"pg_version must be a major version from 9 to 19, not {v['pg_version']!r}",
                                  path=source, key="pg_version")
            out["pg_version"] = version
        for key, engine in (("mysql_version", "mysql"), ("mariadb_version", "mariadb")):
            if key in v and v[key] is not None:
                from .core.mysql.ddl import parse_server

                try:
                    parse_server(engine, v[key])
                except ValueError as exc:
                    raise ConfigError(str(exc), path=source, key=key) from None
                out[key] = str(v[key])
        for key in ("select", "ignore", "paths", "old_app", "new_app"):
            if key in v:
                with _about(key, source):
                    out[key] = _strings(key, v[key])
        if "timezone" in v:
            if not isinstance(v["timezone"], str) or not v["timezone"].strip():
                raise ConfigError("timezone must be the session TimeZone name, e.g. \"UTC\"", path=source,
                                  key="timezone")
            out["timezone"] = v["timezone"].strip()
        if "schema" in v and not isinstance(v["schema"], str):
            raise ConfigError("schema must be a path string", path=source, key="schema")
        if "schema" in v:
            out["schema"] = v["schema"]
        if "starts_empty" in v:
            if not isinstance(v["starts_empty"], bool):
                raise ConfigError("starts_empty must be true or false", path=source, key="starts_empty")
            out["starts_empty"] = v["starts_empty"]
        if "assume_in_transaction" in v:
            if not isinstance(v["assume_in_transaction"], bool):
                raise ConfigError("assume_in_transaction must be true or false", path=source,
                                  key="assume_in_transaction")
            out["assume_in_transaction"] = v["assume_in_transaction"]
        if "fail_on" in v:
            with _about("fail_on", source):
                out["fail_on"] = _severity(v["fail_on"])
        severity = {}
        if "severity" in v:
            if not isinstance(v["severity"], Mapping):
                raise ConfigError("severity must be a table of CODE = \"error\" | \"warning\" | \"info\"",
                                  path=source, key="severity")
            for code, level in v["severity"].items():
                with _about(f"severity.{code}", source):
                    severity[code.upper()] = _severity(level)
        out["severity"] = MappingProxyType(severity)
        options: dict[str, Mapping[str, Any]] = {}
        if "rules" in v:
            if not isinstance(v["rules"], Mapping):
                raise ConfigError("rules must be a table of per-rule option tables: "
                                  "[tool.expandcontract.rules.EC401]", path=source, key="rules")
            for code, opts in v["rules"].items():
                if not isinstance(opts, Mapping):
                    raise ConfigError(f"rules.{code} must be a table of options", path=source, key=f"rules.{code}")
                options[code.upper()] = MappingProxyType(dict(opts))
        out["rule_options"] = MappingProxyType(options)
        if "vars" in v:
            if not isinstance(v["vars"], Mapping) or not all(
                isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in v["vars"].values()
            ):
                raise ConfigError("vars must be a table of NAME = \"value\"", path=source, key="vars")
            out["variables"] = MappingProxyType({str(k): str(x) for k, x in v["vars"].items()})
        return cls(**out)

    def with_overrides(self, **overrides: Any) -> Config:
        """Command-line flags win over the file; ``None`` means "not given"."""
        given = {k: v for k, v in overrides.items() if v is not None and not (isinstance(v, (tuple, dict)) and not v)}
        return replace(self, **given)

    @property
    def mysql_server(self):
        """The MySQL or MariaDB server ``--dialect mysql`` targets (``core.mysql.ddl.Server``)."""
        from .core.mysql.ddl import parse_server

        if self.mariadb_version:
            return parse_server("mariadb", self.mariadb_version)
        return parse_server("mysql", self.mysql_version)

    def resolve(self, path: str) -> str:
        """A path from the config file, relative to the file's folder."""
        p = Path(path)
        return str(p if p.is_absolute() else Path(self.base_dir) / p)


def _severity(value: Any) -> Severity:
    if not isinstance(value, str):
        raise ValueError(f"severity must be \"error\", \"warning\" or \"info\", not {value!r}")
    return Severity.parse(value)


def _check_rule_references(config: Config, data: Mapping[str, Any]) -> None:
    """Every rule the configuration names exists, and every rule option is one the rule has,
    of the type of its default (a typo would otherwise be silently ignored)."""
    from .rules import all_rules, rule_by_code  # here: reading a config without rules costs nothing

    rules = all_rules()
    for key in ("select", "ignore"):
        for entry in getattr(config, key):
            if not any(r.selected_by(entry) for r in rules):
                raise ConfigError(f"unknown rule {entry!r} in {key} (see `expandcontract rules`)",
                                  path=config.source, key=key)
    for code in config.severity:
        if rule_by_code(code) is None or rule_by_code(code).code != code:
            raise ConfigError(f"unknown rule {code!r} in [tool.expandcontract.severity] (use codes like EC401)",
                              path=config.source, key=f"severity.{_written(data.get('severity'), code)}")
    for code, options in config.rule_options.items():
        rule = rule_by_code(code)
        written = _written(data.get("rules"), code)
        if rule is None or rule.code != code:
            raise ConfigError(f"unknown rule {code!r} in [tool.expandcontract.rules] (use codes like EC403)",
                              path=config.source, key=f"rules.{written}")
        for name, value in options.items():
            if name not in rule.default_options:
                known = ", ".join(sorted(rule.default_options)) or "none"
                raise ConfigError(f"{code} has no option {name!r} (its options: {known})",
                                  path=config.source, key=f"rules.{written}.{name}")
            _check_option_type(code, name, value, rule.default_options[name], config.source, f"rules.{written}.{name}")


def _check_option_type(code: str, name: str, value: Any, default: Any, source: str | None, key: str) -> None:
    if isinstance(default, (tuple, list)):
        ok = isinstance(value, (tuple, list)) and all(isinstance(x, str) for x in value)
        expected = "a list of strings"
    elif isinstance(default, bool):
        ok, expected = isinstance(value, bool), "true or false"
    elif isinstance(default, int):
        ok, expected = isinstance(value, int) and not isinstance(value, bool), "an integer"
    else:
        ok, expected = isinstance(value, type(default)), type(default).__name__
    if not ok:
        raise ConfigError(f"{code} option {name} must be {expected}, not {value!r}", path=source, key=key)


def _written(table: Any, code: str) -> str:
    """The key as the file spells it (``ec401`` is accepted for ``EC401``)."""
    if isinstance(table, Mapping):
        return next((k for k in table if k.upper() == code), code)
    return code


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
    try:
        here = Path(start).resolve()
    except (OSError, RuntimeError):  # a symlink loop: reading the path reports it, with its name
        here = Path(start).absolute()
    if here.is_file():
        here = here.parent
    looked = []  # (inputs of the run: runcache)
    for folder in (here, *here.parents):
        for name in ("expandcontract.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                config = _read(candidate, required=name == "expandcontract.toml")
                if config is not None:
                    note_absent(looked)
                    return config
            else:
                looked.append(candidate)
    note_absent(looked)
    return Config()


def _read(path: Path, *, required: bool = True) -> Config | None:
    if sys.version_info >= (3, 11):  # here, not at import: only a run that finds a file pays for it
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        text = read_bytes(path).decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # (as read_text)
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = getattr(exc, "lineno", None) or (int(m.group(1)) if m else None)
        raise ConfigError(f"invalid TOML: {str(exc).split(' (at')[0]}", path=display_path(path), line=line) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", path=display_path(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=display_path(path)) from None
    base = "tool.expandcontract"
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("expandcontract")
        if table is None:
            return None
    else:
        if "expandcontract" not in data.get("tool", {}):
            base = ""
        table = data.get("tool", {}).get("expandcontract", data)
    if not isinstance(table, Mapping):
        raise ConfigError("[tool.expandcontract] must be a table", path=display_path(path))
    try:
        return Config.from_mapping(table, source=display_path(path))
    except ConfigError as exc:
        line = exc.line or (key_line(text, exc.key, base) if exc.key else None)
        raise ConfigError(exc.message, path=display_path(path), line=line, key=exc.key) from None



_HEADER = LazyPattern(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_ASSIGN = LazyPattern(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")


def key_line(text: str, key: str, base: str = "tool.expandcontract") -> int | None:
    """The line that sets dotted ``key`` of the ``[base]`` table: the exact key if written,
    else the nearest enclosing table or inline table.

    >>> key_line("[tool.expandcontract]\\npg_version = 1\\n[tool.expandcontract.severity]\\nEC999 = 'x'",
    ...          "severity.EC999")
    4
    >>> key_line("[tool.expandcontract]\\nseverity = { EC999 = 'x' }", "severity.EC999")
    2
    """
    want = tuple(key.split("."))
    prefix = tuple(base.split(".")) if base else ()
    table: tuple[str, ...] | None = () if not prefix else None
    best, best_depth = None, 0
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            name = tuple(_unquote(p) for p in header.group(1).split("."))
            table = name[len(prefix):] if name[: len(prefix)] == prefix else None
            if table and want[: len(table)] == table and len(table) > best_depth:
                best, best_depth = number, len(table)
            continue
        assign = _ASSIGN.match(line)
        if table is None or not assign:
            continue
        full = table + tuple(_unquote(p) for p in assign.group(1).split("."))
        if full == want:
            return number
        if want[: len(full)] == full and len(full) > best_depth:
            best, best_depth = number, len(full)
    return best


def _unquote(part: str) -> str:
    return part.strip().strip("\"'")
