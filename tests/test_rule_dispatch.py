"""Rules read their operations from their declaration (``ops``) and never test them again: no
rule class compares an ``.op`` (``action.op == Op.X``, ``a.op in (...)``, ``spec.op != "…"``). A
rule that treats its operations differently keeps one entry per operation in a mapping and
dispatches with ``Rule.per_op``. Read from the source (AST), so a new comparison fails here."""

from __future__ import annotations

import ast
from pathlib import Path

RULES = Path(__file__).resolve().parents[1] / "expandcontract" / "rules"



def op_comparisons(source: str) -> list[str]:
    """``line: comparison`` for each comparison of an ``.op`` inside a class of ``source``."""
    found = []
    for cls in ast.walk(ast.parse(source)):
        if not isinstance(cls, ast.ClassDef):
            continue
        for node in ast.walk(cls):
            if isinstance(node, ast.Compare) and any(
                    isinstance(side, ast.Attribute) and side.attr == "op" for side in (node.left, *node.comparators)):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_rule_tests_the_op_it_declared():
    comparing = {}
    for path in sorted(RULES.glob("ec*.py")):
        found = op_comparisons(path.read_text(encoding="utf-8"))
        if found:
            comparing[path.stem] = found
    assert len(list(RULES.glob("ec*.py"))) > 40
    assert comparing == {}


def test_a_comparison_of_the_op_is_found():
    source = '''
class R(Rule):
    ops = frozenset(_HANDLERS)

    def check(self, ctx):
        for handle, action, _ in self.per_op(ctx, _HANDLERS):  # dispatch: fine
            yield handle(action)

    @staticmethod
    def _help(action):
        return "x" if action.op == Op.DROP_VIEW else "y"
'''
    assert op_comparisons(source) == ["11: action.op == Op.DROP_VIEW"]
    assert op_comparisons("def helper(a):\n    return a.op in (1, 2)\n") == []  # not a rule class
