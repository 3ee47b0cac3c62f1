"""``LightStrEnum``: a ``str`` enumeration whose class is built in one pass, for ``Op``.

``class Op(str, Enum)`` with a hundred members costs milliseconds at every start: ``enum``
checks and installs each member on its own (``_EnumDict.__setitem__``, ``__set_name__``). A
``LightStrEnum`` subclass declares its members the same way (``NAME = "value"`` in the class
body) and behaves as that ``str`` enumeration does for everything ``Op`` is used for: its
members are instances of the class and of ``str`` (equal to, hashed as and serialised as their
value), with ``name`` and ``value``; the class iterates them in order, has ``len``,
``__members__``, ``Op("value")`` (``ValueError`` when none has it) and ``Op["NAME"]``; a member
pickles as ``Op("value")``, as an ``Enum`` member does, and is its own copy. It is not an
``enum.Enum`` instance, and type checkers see ``enum.Enum`` (see ``Op``).

>>> class Colour(str, LightStrEnum):
...     RED = "red"
...     DARK_RED = "dark_red"
>>> list(Colour), Colour("red") is Colour.RED, Colour["DARK_RED"].value, Colour.RED == "red"
([<Colour.RED: 'red'>, <Colour.DARK_RED: 'dark_red'>], True, 'dark_red', True)
>>> Colour("blue")
Traceback (most recent call last):
...
ValueError: 'blue' is not a valid Colour
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType
from typing import Any

__all__ = ["LightStrEnum"]

_DEFAULTS: dict[str, Any] = {}  # LightStrEnum's __repr__, __str__ and __format__, once it exists


class _LightStrEnumType(type):
    """Makes the class body's ``NAME = "value"`` entries members, all at once."""

    _members: dict[str, Any]
    _by_value: dict[str, Any]

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _LightStrEnumType:
        declared = {key: value for key, value in namespace.items()
                    if not key.startswith("_") and isinstance(value, str)}
        body = {k: v for k, v in namespace.items() if k not in declared}
        for method, default in _DEFAULTS.items():  # ``Enum``'s, not ``str``'s, unless the class has its own
            body.setdefault(method, default)
        cls = super().__new__(mcs, name, bases, body)
        members: dict[str, Any] = {}
        by_value: dict[str, Any] = {}
        new: Any = str.__new__
        for key, value in declared.items():
            member = by_value.get(value)
            if member is None:  # (a second name for a value is an alias of its member)
                member = new(cls, value)
                member.__dict__.update(_name_=key, _value_=value, name=key, value=value)
                by_value[value] = member
            members[key] = member
        type.__setattr__(cls, "_members", members)
        type.__setattr__(cls, "_by_value", by_value)
        for key, member in members.items():
            type.__setattr__(cls, key, member)
        return cls

    def __call__(cls, value: Any) -> Any:
        try:
            return cls._by_value[value]
        except (KeyError, TypeError):
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}") from None

    def __getitem__(cls, name: str) -> Any:
        return cls._members[name]

    def __iter__(cls) -> Iterator[Any]:
        return iter(cls._by_value.values())

    def __reversed__(cls) -> Iterator[Any]:
        return reversed(cls._by_value.values())

    def __len__(cls) -> int:
        return len(cls._by_value)

    def __contains__(cls, member: object) -> bool:
        if isinstance(member, LightStrEnum):
            return isinstance(member, cls)
        # (as ``Enum`` does on Python 3.11)
        raise TypeError(f"unsupported operand type(s) for 'in': '{type(member).__qualname__}' and 'EnumType'")

    @property
    def __members__(cls) -> MappingProxyType[str, Any]:
        return MappingProxyType(cls._members)

    def __setattr__(cls, name: str, value: Any) -> None:
        if name in cls.__dict__.get("_members", ()):
            raise AttributeError(f"cannot reassign member {name!r}")
        super().__setattr__(name, value)

    def __repr__(cls) -> str:
        return f"<enum {cls.__name__!r}>"


class LightStrEnum(metaclass=_LightStrEnumType):
    """The base of a ``str`` enumeration: ``class Op(str, LightStrEnum)``."""

    _name_: str
    _value_: str
    name: str
    value: str

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self._name_}: {str.__repr__(self)}>"

    def __str__(self) -> str:
        return f"{type(self).__name__}.{self._name_}"

    def __format__(self, spec: str) -> str:
        return str.__format__(str(self), spec)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, tuple[str]]:
        return type(self), (self._value_,)

    def __copy__(self) -> Any:
        return self

    def __deepcopy__(self, memo: Any) -> Any:
        return self


_DEFAULTS.update((name, LightStrEnum.__dict__[name]) for name in ("__repr__", "__str__", "__format__"))
