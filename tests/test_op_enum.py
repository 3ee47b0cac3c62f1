"""``Op`` is built in one pass (``core.lightenum.LightStrEnum``), not by ``enum``: it behaves as the
``str`` ``Enum`` it was, member for member, compared here with that ``Enum`` built from the same
names and values."""

from __future__ import annotations

import copy
import enum
import json
import pickle

import pytest

from expandcontract.core.lightenum import LightStrEnum
from expandcontract.core.ops import Op


class _Printed(str, enum.Enum):  # Op's own printing, on an Enum
    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return self.value.__format__(spec)

    def __repr__(self) -> str:
        return repr(self.value)


REFERENCE = _Printed("Op", [(op.name, op.value) for op in Op])  # type: ignore[call-overload]


def test_members_iterate_and_count_as_the_enum_does():
    assert [(m.name, m.value) for m in Op] == [(m.name, m.value) for m in REFERENCE]
    assert len(Op) == len(REFERENCE) > 100
    assert list(Op.__members__) == list(REFERENCE.__members__)
    assert [m.name for m in reversed(Op)] == [m.name for m in reversed(REFERENCE)]
    assert repr(Op) == "<enum 'Op'>"


@pytest.mark.parametrize("op", list(Op), ids=lambda op: op.name)
def test_each_member_behaves_as_the_enum_member(op):
    ref = REFERENCE[op.name]
    assert Op(op.value) is op and Op(op) is op and Op[op.name] is op and getattr(Op, op.name) is op
    assert type(op) is Op and isinstance(op, str) and op in Op
    assert op.name == ref.name and op._name_ == ref._name_ and op.value == ref.value and op._value_ == ref._value_
    assert type(op.value) is str
    assert op == op.value == ref and hash(op) == hash(op.value) == hash(ref)
    assert {op.value: 1}[op] == 1 and op in {op.value} and op.value in {op}
    assert (str(op), repr(op), f"{op}", f"{op:>30}") == (str(ref), repr(ref), f"{ref}", f"{ref:>30}")
    assert json.dumps({op: [op]}) == json.dumps({ref: [ref]})
    assert op.upper() == ref.upper() and op + "x" == ref + "x" and op < "~" and bool(op)
    assert copy.copy(op) is op and copy.deepcopy(op) is op
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(op, protocol)) is op
    assert op.__reduce_ex__(2) == (Op, (op.value,))


def test_a_member_pickles_to_the_bytes_the_enum_member_did():
    # (the result cache holds pickled actions: an older entry still loads, byte for byte the same)
    assert pickle.dumps(Op.ADD_COLUMN, 2) == (
        b"\x80\x02cexpandcontract.core.ops.op\nOp\nq\x00X\n\x00\x00\x00add_columnq\x01\x85q\x02Rq\x03.")


def test_lookups_fail_as_the_enum_s_do():
    for cls in (Op, REFERENCE):
        with pytest.raises(ValueError, match=r"^'nope' is not a valid Op$"):
            cls("nope")
        with pytest.raises(ValueError, match=r"^\[\] is not a valid Op$"):
            cls([])
        with pytest.raises(KeyError):
            cls["add_column"]
        with pytest.raises(TypeError, match=r"^unsupported operand type.s. for 'in': 'str' and 'EnumType'$"), \
                pytest.warns(DeprecationWarning) if cls is REFERENCE else _nothing():
            "add_column" in cls  # noqa: B015
        with pytest.raises(AttributeError):
            cls.ADD_COLUMN = "x"


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def test_a_value_named_twice_is_one_member():
    class Colour(str, LightStrEnum):
        RED = "red"
        CRIMSON = "red"
        BLUE = "blue"

    assert Colour.CRIMSON is Colour.RED and list(Colour) == [Colour.RED, Colour.BLUE]
    assert list(Colour.__members__) == ["RED", "CRIMSON", "BLUE"] and len(Colour) == 2
    assert repr(Colour.BLUE) == "<Colour.BLUE: 'blue'>" and str(Colour.BLUE) == "Colour.BLUE"
    assert Colour.RED not in type("Other", (str, LightStrEnum), {"RED": "red"}) and Colour.RED in Colour
