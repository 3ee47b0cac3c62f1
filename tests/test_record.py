"""``core.record`` gives a class what ``dataclasses.dataclass`` gives it: the same class written
both ways behaves the same (construction, defaults and factories, repr, equality, hashing,
frozenness, subclasses, ``replace`` and ``fields``), and the values lint builds are records."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Mapping
from typing import Any, ClassVar

import pytest

from expandcontract.core import record as rec


def _pair() -> tuple[type, type]:
    made = []
    for decorate, field in ((dataclasses.dataclass(frozen=True), dataclasses.field),
                            (rec.record(frozen=True), rec.field)):
        class Value:
            kind: ClassVar[str] = "value"
            name: str
            size: int = 0
            tags: tuple[str, ...] = ()
            extra: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
            note: str | None = field(default=None, repr=False)
            memo: dict[int, int] = field(default_factory=dict, init=False, repr=False, compare=False)

            @property
            def label(self) -> str:
                return f"{self.name}:{self.size}"

        made.append(decorate(Value))
    return made[0], made[1]


DATA, RECORD = _pair()


def _both(*args: Any, **kwargs: Any) -> tuple[Any, Any]:
    return DATA(*args, **kwargs), RECORD(*args, **kwargs)


@pytest.mark.parametrize(("args", "kwargs"), [
    (("a",), {}), (("a", 2, ("x", "y")), {}), (("a",), {"extra": {"k": 1}, "note": "n"}), ((), {"name": "b", "size": 3}),
])
def test_a_record_behaves_as_the_dataclass(args, kwargs):
    d, r = _both(*args, **kwargs)
    assert repr(d) == repr(r)
    assert (d.name, d.size, d.tags, d.extra, d.note, d.memo) == (r.name, r.size, r.tags, r.extra, r.note, r.memo)
    assert d.label == r.label and RECORD.kind == DATA.kind == "value"
    d2, r2 = _both(*args, **kwargs)
    assert (d == d2, r == r2, hash(d) == hash(d2), hash(r) == hash(r2)) == (True, True, True, True)
    assert hash(r) == hash(d)  # (the same tuple hashed)
    d3, r3 = dataclasses.replace(d, size=d.size + 1), rec.replace(r, size=r.size + 1)
    assert repr(d3) == repr(r3) and r3 != r and d3 != d
    assert r.__eq__(object()) is NotImplemented and d.__eq__(object()) is NotImplemented
    assert RECORD.__match_args__ == DATA.__match_args__
    assert [(f.name, f.init, f.repr, f.compare, f.hash) for f in rec.fields(r)] == \
           [(f.name, f.init, f.repr, f.compare, f.hash) for f in dataclasses.fields(d)]
    assert pickle.loads(pickle.dumps(_PICKLED(r.name, r.size))) == _PICKLED(r.name, r.size)


@rec.record(frozen=True)
class _PICKLED:
    name: str
    size: int = 0


def test_fields_that_do_not_compare_are_left_out_of_equality_and_hash():
    d1, r1 = _both("a", extra={"x": 1})
    d2, r2 = _both("a", extra={"y": 2})
    assert d1 == d2 and r1 == r2 and hash(r1) == hash(r2)
    assert _both("a")[1] != _both("b")[1]


def test_replace_keeps_what_is_not_changed_and_starts_init_false_fields_afresh():
    d, r = _both("a", 2, extra={"k": 1})
    r.memo[1] = 1
    d.memo[1] = 1
    d2, r2 = dataclasses.replace(d, size=5), rec.replace(r, size=5)
    assert (r2.name, r2.size, r2.extra, r2.memo) == (d2.name, d2.size, d2.extra, d2.memo) == ("a", 5, {"k": 1}, {})
    for replace, value in ((dataclasses.replace, d), (rec.replace, r)):
        with pytest.raises(ValueError, match="init=False"):
            replace(value, memo={})
        with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
            replace(value, bogus=1)


def test_a_frozen_record_refuses_changes_as_the_dataclass_does():
    for value, error in zip(_both("a"), (dataclasses.FrozenInstanceError, rec.FrozenInstanceError), strict=True):
        with pytest.raises(error, match="cannot assign to field 'name'"):
            value.name = "b"
        with pytest.raises(error, match="cannot delete field 'size'"):
            del value.size
        with pytest.raises(error, match="cannot assign to field 'other'"):
            value.other = 1  # (on the class itself, even a name that is no field)
        assert isinstance(error("x"), AttributeError)


def test_a_subclass_keeps_the_methods_and_may_set_its_own_attributes():
    class D(DATA):
        pass

    class R(RECORD):
        @property
        def name(self) -> str:  # a data descriptor over a field: __init__ goes through it, as dataclass's does
            return self.__dict__["_name"].upper()

        @name.setter
        def name(self, value: str) -> None:
            self.__dict__["_name"] = value

    d, r = D("a"), R("a")
    d.other, r.other = 1, 1  # not a field, not the record class itself: allowed
    assert (d.other, r.other, r.name) == (1, 1, "A")
    assert repr(r).endswith(".R(name='A', size=0, tags=(), extra={})") and r == R("a") and r != RECORD("a")
    assert type(rec.replace(r, size=2)) is R


def test_defaults_are_class_attributes_and_mutable_ones_are_refused():
    assert RECORD.size == DATA.size == 0 and RECORD.note is None
    assert "extra" not in RECORD.__dict__ and "extra" not in DATA.__dict__
    with pytest.raises(ValueError, match="mutable default"):
        @rec.record(frozen=True)
        class Bad:
            items: list[int] = []
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        @rec.record(frozen=True)
        class Order:
            a: int = 0
            b: int


def test_a_mutable_record_is_unhashable_and_assignable():
    @rec.record
    class Counter:
        count: int = 0

    c = Counter()
    c.count += 1
    assert c == Counter(1) and Counter.__hash__ is None


def test_the_values_lint_builds_are_records():
    from expandcontract.config import Config
    from expandcontract.core.findings import Finding
    from expandcontract.core.migration import Migration, Script, Step
    from expandcontract.core.model import SchemaModel
    from expandcontract.core.ops.op import Action
    from expandcontract.core.parse import Statement
    from expandcontract.result import LintResult
    from expandcontract.rules import RuleContext

    for cls in (Config, Finding, Migration, Script, Step, SchemaModel, Action, Statement, LintResult, RuleContext):
        assert rec.fields(cls) and not dataclasses.is_dataclass(cls), cls
