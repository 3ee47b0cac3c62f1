"""The rule index (``rules/_index.py``) holds every rule's metadata as the rule modules declare
it, and a lint that imports rule modules only when reached finds what a lint with every rule
imported finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from expandcontract import lint as lint_module
from expandcontract import rules
from expandcontract.api import lint_paths
from expandcontract.config import Config
from expandcontract.rules import _index

from .update_rule_index import render

ROOT = Path(__file__).resolve().parents[1]


def test_the_index_is_the_rule_modules_metadata():
    assert rules.rule_metadata() == _index.RULES, "run: python tests/update_rule_index.py"
    assert render(rules.rule_metadata()) in Path(_index.__file__).read_text(encoding="utf-8")


def _findings(config: Config, paths: list[Path]) -> list[tuple]:
    result = lint_paths(paths, config=config)
    return [(f.code, f.file, f.line, f.message) for f in result.findings]


PG = [ROOT / "tests" / "corpus" / "migrations", ROOT / "examples" / "migrations"]


@pytest.mark.parametrize(("overrides", "paths"), [({}, PG), ({"pg_version": 12}, PG), ({"select": ("EC2",)}, PG),
                                                  ({"dialect": "mysql"}, [ROOT / "tests" / "data" / "mysql_history"])])
def test_rules_imported_when_reached_find_what_every_rule_finds(overrides, paths, monkeypatch):
    config = Config().with_overrides(**overrides)
    rules.all_rules.cache_clear()
    assert all(isinstance(r, rules._Deferred) for r in rules.all_rules())
    deferred = _findings(config, paths)
    assert deferred
    monkeypatch.setattr(_index, "RULES", _index.RULES[1:])  # an index that misses a module: not used
    rules.all_rules.cache_clear()
    assert not any(isinstance(r, rules._Deferred) for r in rules.all_rules())
    assert lint_module.all_rules is rules.all_rules
    assert _findings(config, paths) == deferred
    rules.all_rules.cache_clear()
