"""Edge: an app's SQLAlchemy models, named as ``path/to/models.py:Base`` or
``package.module:Base`` (a ``MetaData``, a declarative base, or a list of tables or mapped
classes), loaded in a subprocess of their own (``isolated``, running ``worker``). ``check``
reads queries from them, and a baseline schema can be their DDL (``models_ddl``)."""

from __future__ import annotations

import re
from pathlib import Path

from ..core.errors import InputError

__all__ = ["PYTHON_REF", "is_models_ref", "locate", "models_ddl", "package_root"]

PYTHON_REF = re.compile(r"^(?P<target>[^:]+\.py|[A-Za-z_][\w.]*(?:,[A-Za-z_][\w.]*)*):(?P<attr>[A-Za-z_][\w.]*)$")


def is_models_ref(source: str) -> bool:
    """``path/models.py:Base`` or ``package.module:Base`` (not an existing file)."""
    return not Path(source).exists() and bool(PYTHON_REF.match(source))


def models_ddl(source: str, dialect: str = "postgres") -> str:
    """The DDL SQLAlchemy writes for the models (``metadata.create_all``): a baseline for apps whose
    first tables come from the models, not from a migration."""
    match = PYTHON_REF.match(source)
    if not match:
        raise InputError(source, "not a SQLAlchemy source: write path/models.py:Base or package.module:Base")
    return locate(source, match.group("target"), match.group("attr"), ddl=dialect)["ddl"]


def locate(source: str, target: str, attr: str, ddl: str | None = None) -> dict:
    """The worker's answer for ``target:attr``: ``path/models.py`` (its package root first on
    ``sys.path``) or ``package.module`` (the working directory first: a checkout wins over an
    installed copy)."""
    from .isolated import load_models

    if target.endswith(".py"):
        path = Path(target)
        if not path.is_file():
            raise InputError(source, "no such file")
        root, module = package_root(path.resolve())
        return load_models(source, str(root), [module], attr, ddl=ddl)
    return load_models(source, str(Path.cwd().resolve()), target.split(","), attr, ddl=ddl)


def package_root(file: Path) -> tuple[Path, str]:
    """The folder to put on ``sys.path`` for ``file`` and its dotted module name there: above
    the outermost package (``__init__.py``) holding it; a package's ``__init__.py`` is the package
    itself (its modules are then imported too: models spread over them load whole)."""
    root, parts = file.parent, [file.stem]
    if file.stem == "__init__":
        root, parts = file.parent.parent, [file.parent.name]
    while (root / "__init__.py").is_file():
        parts.insert(0, root.name)
        root = root.parent
    return root, ".".join(parts)
