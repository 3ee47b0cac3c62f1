"""A persistent, insertion-ordered mapping: the storage of the schema model.

Replay keeps every intermediate schema (each statement's rules see the one it runs on, ``check``
compares the apps against each state), and a schema that copied its table map at every change
cost O(tables) per statement: quadratic time and memory in the size of a migration. ``PMap``
changes in O(log n) and shares all the rest with the map it came from (a hash array mapped trie,
the ``immutables`` package), while iterating in insertion order as a ``dict`` does, so every
report lists objects in the order it always did.

>>> a = PMap({"x": 1}).set("y", 2)
>>> b = a.set("x", 10).delete("y").set("z", 3)
>>> list(a.items()), list(b.items())
([('x', 1), ('y', 2)], [('x', 10), ('z', 3)])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from operator import itemgetter
from typing import Any, Generic, TypeVar, overload

from immutables import Map

__all__ = ["PMap", "PSet"]

K = TypeVar("K")
V = TypeVar("V")
D = TypeVar("D")

_PLACE = itemgetter(1)  # (key, (place, value)) -> (place, value): sorts by place


class PMap(Mapping[K, V], Generic[K, V]):
    """An immutable mapping whose ``set``/``delete`` return a new one in O(log n). Iteration
    follows insertion (a key set again keeps its place; deleted and set again, it goes last)."""

    __slots__ = ("_entries", "_next", "_order")

    _entries: Map[K, tuple[int, V]]  # key -> (its place in the order, value)
    _next: int
    _order: tuple[K, ...] | None  # the keys in order, worked out on first iteration

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        entries: dict[K, tuple[int, V]] = {}
        for key, value in items.items() if isinstance(items, Mapping) else items:
            entries[key] = (entries[key][0] if key in entries else len(entries), value)
        self._entries = Map(entries)
        self._next = len(entries)
        self._order = tuple(entries)

    @classmethod
    def _make(cls, entries: Map[K, tuple[int, V]], next_: int) -> PMap[K, V]:
        new = cls.__new__(cls)
        new._entries, new._next, new._order = entries, next_, None
        return new

    # -- reading ------------------------------------------------------------------------------

    def __getitem__(self, key: K) -> V:
        return self._entries[key][1]

    @overload
    def get(self, key: K) -> V | None: ...
    @overload
    def get(self, key: K, default: D) -> V | D: ...

    def get(self, key: K, default: Any = None) -> Any:
        entry = self._entries.get(key)
        return default if entry is None else entry[1]

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def _keys(self) -> tuple[K, ...]:
        order = self._order
        if order is None:
            order = self._order = tuple(k for k, _ in sorted(self._entries.items(), key=_PLACE))
        return order

    def __iter__(self) -> Iterator[K]:
        return iter(self._keys())

    def items(self) -> Any:  # (a list of pairs, in order)
        entries = self._entries
        return [(k, entries[k][1]) for k in self._keys()]

    def values(self) -> Any:
        entries = self._entries
        return [entries[k][1] for k in self._keys()]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return len(self) == len(other) and all(k in other and other[k] == v for k, (_, v) in self._entries.items())

    __hash__ = None  # type: ignore[assignment]  # (a mapping, compared by value)

    def __repr__(self) -> str:
        return f"PMap({dict(self.items())!r})"

    def __reduce__(self) -> tuple[type[PMap[K, V]], tuple[list[tuple[K, V]]]]:
        return PMap, (self.items(),)

    # -- changing (a new map) -----------------------------------------------------------------

    def set(self, key: K, value: V) -> PMap[K, V]:
        entry = self._entries.get(key)
        if entry is not None:
            return self._make(self._entries.set(key, (entry[0], value)), self._next)
        return self._make(self._entries.set(key, (self._next, value)), self._next + 1)

    def delete(self, key: K) -> PMap[K, V]:
        """Without ``key`` (the same map when it is not there)."""
        if key not in self._entries:
            return self
        return self._make(self._entries.delete(key), self._next)

    def update(self, pairs: Mapping[K, V] | Iterable[tuple[K, V]]) -> PMap[K, V]:
        entries, next_ = self._entries.mutate(), self._next
        for key, value in pairs.items() if isinstance(pairs, Mapping) else pairs:
            entry = entries.get(key)
            if entry is None:
                entries[key] = (next_, value)
                next_ += 1
            else:
                entries[key] = (entry[0], value)
        return self._make(entries.finish(), next_)


class PSet(AbstractSet[K], Generic[K]):
    """An immutable set whose ``add``/``discard`` return a new one in O(log n) (``frozenset``
    copies itself: a pg_dump baseline creating a sequence per serial column paid n² for them).

    >>> s = PSet(["a"]).add("b")
    >>> sorted(s), "a" in s, sorted(s.discard("a")), {"a"} <= s
    (['a', 'b'], True, ['b'], True)
    """

    __slots__ = ("_members",)

    _members: Map[K, bool]

    def __init__(self, members: Iterable[K] = ()) -> None:
        self._members = Map({m: True for m in members})

    @classmethod
    def _from_iterable(cls, members: Iterable[Any]) -> PSet[Any]:  # (what the set operators build)
        return cls(members)

    def __contains__(self, member: object) -> bool:
        return member in self._members

    def __iter__(self) -> Iterator[K]:
        return iter(self._members.keys())

    def __len__(self) -> int:
        return len(self._members)

    __hash__ = AbstractSet._hash

    def __repr__(self) -> str:
        return f"PSet({sorted(self._members.keys(), key=repr)!r})"

    def __reduce__(self) -> tuple[type[PSet[K]], tuple[list[K]]]:
        return PSet, (list(self._members.keys()),)

    def add(self, member: K) -> PSet[K]:
        if member in self._members:
            return self
        new = PSet.__new__(PSet)
        new._members = self._members.set(member, True)
        return new

    def discard(self, member: K) -> PSet[K]:
        if member not in self._members:
            return self
        new = PSet.__new__(PSet)
        new._members = self._members.delete(member)
        return new
