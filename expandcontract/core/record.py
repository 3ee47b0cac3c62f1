"""Records: ``dataclasses.dataclass`` for the values every ``lint`` run builds, at a fraction
of its import and class-creation cost.

``@record(frozen=True)`` reads the class's annotated fields the way ``dataclass`` does and gives
it the same ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, frozen ``__setattr__`` /
``__delattr__`` and ``__match_args__``; ``field`` takes the same ``default``,
``default_factory``, ``init``, ``repr``, ``hash`` and ``compare``; ``replace`` and ``fields``
work as ``dataclasses.replace`` and ``dataclasses.fields`` do (and hand a real dataclass to
them). Type checkers treat ``record`` as ``dataclass`` (``dataclass_transform``, PEP 681).

Why not ``dataclass`` itself: importing ``dataclasses`` imports ``inspect`` (and with it
``ast``, ``dis``, ``tokenize``), and each dataclass compiles about six generated methods one by
one, ~0.65 ms a class; a ``lint`` of one file creates some thirty classes at every start. A
record compiles one method per class, ``__init__`` (its signature is the class's; it stores the
values as ``dataclass``'s does); ``__repr__``, ``__eq__``, ``__hash__`` and the frozen
``__setattr__`` / ``__delattr__`` are closures over the field names (``operator.attrgetter``),
built without compiling anything.

Left out, because no record uses them: ``order``, ``unsafe_hash``, ``kw_only``, ``slots``,
``InitVar``, ``__post_init__`` arguments (a ``__post_init__()`` without any is called), the
recursion guard of ``__repr__`` (records hold no cycles) and the signature-shaped ``__doc__`` a
class without a docstring gets.

>>> @record(frozen=True)
... class Point:
...     x: int
...     y: int = 0
...     tags: tuple[str, ...] = field(default=(), compare=False)
>>> p = Point(1)
>>> p, p == Point(1, 0, ("a",)), hash(p) == hash((1, 0)), Point.__match_args__
(Point(x=1, y=0, tags=()), True, True, ('x', 'y', 'tags'))
>>> replace(p, y=5)
Point(x=1, y=5, tags=())
>>> [f.name for f in fields(p)]
['x', 'y', 'tags']
>>> p.x = 2
Traceback (most recent call last):
...
expandcontract.core.record.FrozenInstanceError: cannot assign to field 'x'
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, get_origin, overload

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    try:
        from typing import dataclass_transform
    except ImportError:  # Python 3.10 (only type checkers read it)
        def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
            return lambda function: function

__all__ = ["MISSING", "Field", "FrozenInstanceError", "field", "fields", "record", "replace"]

_T = TypeVar("_T")


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # "no default", as ``dataclasses.MISSING``
_HAS_FACTORY: Any = _Missing()  # the __init__ default of a field with a default factory


class FrozenInstanceError(AttributeError):
    """Raised on an assignment to (or a deletion of) a field of a frozen record."""


class Field:
    """One field of a record, as ``dataclasses.Field``: ``name``, ``type`` (the annotation, a
    string under ``from __future__ import annotations``), ``default``, ``default_factory``,
    ``init``, ``repr``, ``hash`` and ``compare``."""

    __slots__ = ("compare", "default", "default_factory", "hash", "init", "name", "repr", "type")

    def __init__(self, default: Any, default_factory: Any, init: bool, repr: bool, hash: bool | None,
                 compare: bool) -> None:
        self.name = ""
        self.type: Any = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare

    def __repr__(self) -> str:
        return (f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r}, "
                f"init={self.init}, repr={self.repr}, hash={self.hash}, compare={self.compare})")


@overload
def field(*, default: _T, init: bool = ..., repr: bool = ..., hash: bool | None = ...,
          compare: bool = ...) -> _T: ...


@overload
def field(*, default_factory: Callable[[], _T], init: bool = ..., repr: bool = ..., hash: bool | None = ...,
          compare: bool = ...) -> _T: ...


@overload
def field(*, init: bool = ..., repr: bool = ..., hash: bool | None = ..., compare: bool = ...) -> Any: ...


def field(*, default: Any = MISSING, default_factory: Any = MISSING, init: bool = True, repr: bool = True,
          hash: bool | None = None, compare: bool = True) -> Any:
    """A field with more than a default, as ``dataclasses.field``."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare)


def _is_classvar(annotation: Any) -> bool:
    if isinstance(annotation, str):  # (postponed annotations: as ``dataclasses`` reads them)
        return annotation.lstrip().startswith(("ClassVar", "typing.ClassVar"))
    return annotation is ClassVar or get_origin(annotation) is ClassVar


def _own_fields(cls: type) -> list[Field]:
    """The fields ``cls``'s body declares, in order; class attributes set as ``dataclass`` does."""
    found = []
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063 (inspect is what records avoid importing)
        if _is_classvar(annotation):
            continue
        value = cls.__dict__.get(name, MISSING)
        if isinstance(value, Field):
            spec = value
            if spec.default is MISSING:
                delattr(cls, name)  # (a default factory, or none: no class attribute)
            else:
                setattr(cls, name, spec.default)
        else:
            spec = Field(value, MISSING, True, True, None, True)
        if spec.default.__class__.__hash__ is None:  # a list, dict or set shared by every instance
            raise ValueError(f"mutable default {type(spec.default)} for field {name} is not allowed: "
                             "use default_factory")
        spec.name, spec.type = name, annotation
        found.append(spec)
    return found


def _frozen_methods(cls: type[Any], names: frozenset[str]) -> tuple[Callable[..., None], Callable[..., None]]:
    """``dataclass``'s frozen ``__setattr__`` and ``__delattr__``: a subclass may still set
    attributes that are not fields."""

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """``obj -> (obj.a, obj.b, …)``, a tuple whatever the number of names."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _value_methods(specs: list[Field]) -> dict[str, Callable[..., Any]]:
    """``__repr__``, ``__eq__`` and ``__hash__`` as ``dataclass`` writes them (the same text, the
    same tuples compared and hashed), as closures: nothing to compile."""
    shown = [s.name for s in specs if s.repr]
    shown_values = _getter(shown)
    compared = _getter([s.name for s in specs if s.compare])
    hashed = _getter([s.name for s in specs if (s.compare if s.hash is None else s.hash)])

    def __repr__(self: Any) -> str:
        text = ", ".join([f"{name}={value!r}" for name, value in zip(shown, shown_values(self), strict=True)])
        return f"{self.__class__.__qualname__}({text})"

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    return {"__repr__": __repr__, "__eq__": __eq__, "__hash__": __hash__}


def _init_source(cls: type, specs: list[Field], frozen: bool, namespace: dict[str, Any]) -> str:
    """The source of ``cls.__init__`` (the one method compiled: its signature is the class's).

    It stores each value as ``dataclass``'s does: ``object.__setattr__(self, name, value)`` in a
    frozen record, an assignment in another. (Passing the values to one call that stores them in
    a loop compiles faster but runs 1.7 times slower; writing into ``self.__dict__`` runs 3 times
    faster but gives every instance a dictionary of its own, 9 % more memory on a large file.)"""
    params, body, seen_default = ["self"], [], False
    for spec in specs:
        name = spec.name
        if spec.init:
            if spec.default is not MISSING:
                namespace[f"_d_{name}"] = spec.default
                params.append(f"{name}=_d_{name}")
                value = name
            elif spec.default_factory is not MISSING:
                namespace[f"_f_{name}"] = spec.default_factory
                params.append(f"{name}=_HAS_FACTORY")
                value = f"_f_{name}() if {name} is _HAS_FACTORY else {name}"
            else:
                if seen_default:
                    raise TypeError(f"non-default argument {name!r} follows default argument")
                params.append(name)
                value = name
            seen_default = seen_default or spec.default is not MISSING or spec.default_factory is not MISSING
        elif spec.default_factory is not MISSING:
            namespace[f"_f_{name}"] = spec.default_factory
            value = f"_f_{name}()"
        else:
            continue  # init=False with a default: the class attribute answers
        body.append(f"  _set(self, {name!r}, {value})" if frozen else f"  self.{name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    return "\n".join([f"def __init__({', '.join(params)}):", *(body or ["  pass"])])


def _attach(cls: type, name: str, method: Callable[..., Any]) -> None:
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, method)


def _process(cls: type, frozen: bool, eq: bool, repr: bool) -> type:
    inherited: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for spec in base.__dict__.get("__record_fields__", ()):
            inherited[spec.name] = spec
    for spec in _own_fields(cls):
        inherited[spec.name] = spec
    specs = list(inherited.values())
    own = cls.__dict__
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if "__init__" not in own:
        namespace: dict[str, Any] = {"_HAS_FACTORY": _HAS_FACTORY, "_set": object.__setattr__}
        source = _init_source(cls, specs, frozen, namespace)
        exec(compile(source, f"<record {cls.__module__}.{cls.__qualname__}>", "exec"), namespace)
        _attach(cls, "__init__", namespace["__init__"])
    methods = _value_methods(specs)
    if repr and "__repr__" not in own:
        _attach(cls, "__repr__", methods["__repr__"])
    if eq and "__eq__" not in own:
        _attach(cls, "__eq__", methods["__eq__"])
    if eq and frozen and not explicit_hash:
        _attach(cls, "__hash__", methods["__hash__"])
    if eq and not frozen and not explicit_hash:
        setattr(cls, "__hash__", None)  # (mutable and compared by value: unhashable)  # noqa: B010
    if frozen:
        if "__setattr__" in own or "__delattr__" in own:
            raise TypeError(f"cannot overwrite __setattr__ or __delattr__ of the frozen record {cls.__name__}")
        names = frozenset(inherited)
        for name, method in zip(("__setattr__", "__delattr__"), _frozen_methods(cls, names), strict=True):
            setattr(cls, name, method)
    cls.__record_fields__ = tuple(specs)  # type: ignore[attr-defined]
    cls.__record_init__ = tuple(s.name for s in specs if s.init)  # type: ignore[attr-defined]
    cls.__record_fixed__ = frozenset(s.name for s in specs if not s.init)  # type: ignore[attr-defined]
    cls.__record_get_init__ = staticmethod(_getter(list(cls.__record_init__)))  # type: ignore[attr-defined]
    if "__match_args__" not in own:
        setattr(cls, "__match_args__", cls.__record_init__)  # type: ignore[attr-defined]  # noqa: B010
    return cls


@overload
def record(cls: type[_T], /) -> type[_T]: ...


@overload
def record(*, frozen: bool = ..., eq: bool = ..., repr: bool = ...) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(field_specifiers=(field, Field))
def record(cls: type[_T] | None = None, /, *, frozen: bool = False, eq: bool = True,
           repr: bool = True) -> type[_T] | Callable[[type[_T]], type[_T]]:
    """Make ``cls`` a record, as ``dataclasses.dataclass(frozen=..., eq=..., repr=...)`` would."""

    def wrap(target: type[_T]) -> type[_T]:
        return _process(target, frozen, eq, repr)

    return wrap if cls is None else wrap(cls)


def replace(obj: _T, /, **changes: Any) -> _T:
    """A copy of the record (or dataclass) ``obj`` with ``changes``, made by its ``__init__``,
    as ``dataclasses.replace``: fields with ``init=False`` start afresh and cannot be changed.

    >>> @record(frozen=True)
    ... class Pair:
    ...     a: int
    ...     b: int = 2
    >>> replace(Pair(1), a=3)
    Pair(a=3, b=2)
    >>> replace(Pair(1), c=3)
    Traceback (most recent call last):
    ...
    TypeError: ...__init__() got an unexpected keyword argument 'c'
    """
    names = getattr(type(obj), "__record_init__", None)
    if names is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    fixed = type(obj).__record_fixed__  # type: ignore[attr-defined]
    if fixed and not fixed.isdisjoint(changes):
        name = min(fixed.intersection(changes))
        raise ValueError(f"field {name} is declared with init=False, it cannot be specified with replace()")
    values = dict(zip(names, type(obj).__record_get_init__(obj), strict=True))  # type: ignore[attr-defined]
    values.update(changes)
    return obj.__class__(**values)


def fields(class_or_instance: Any) -> tuple[Field, ...]:
    """The fields of a record (or of a dataclass: ``dataclasses.fields``), in order.

    >>> @record
    ... class One:
    ...     a: int = field(default=1, repr=False)
    >>> fields(One)[0].name, fields(One())[0].default, One()
    ('a', 1, One())
    """
    found = getattr(class_or_instance, "__record_fields__", None)
    if found is None:
        import dataclasses

        return dataclasses.fields(class_or_instance)  # type: ignore[return-value]
    result: tuple[Field, ...] = found
    return result
