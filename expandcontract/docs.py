"""Edge: the rule docs in ``rules/CODE.md`` (shipped in the wheel as ``expandcontract/_rule_docs``).

Each doc has front matter (code, name, phase, severity, squawk) and the headings *What it does /
Why is this bad? / Example / Use instead / With Alembic / Options*. Its ```` ```sql fail ```` and
```` ```sql pass ```` blocks are executable examples: the tests lint them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

__all__ = ["Example", "RuleDoc", "docs_dir", "load_doc", "load_docs"]

HEADINGS = ("What it does", "Why is this bad?", "Example", "Use instead", "With Alembic", "Options")
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_BLOCK = re.compile(r"^```sql[ \t]+(fail|pass|schema)([^\n]*)\n(.*?)^```[ \t]*$", re.S | re.M)
# ```sql mysql fail``` / ```sql mysql pass``` / ```sql mysql schema```: linted with --dialect mysql and
# run on a real MariaDB by the tests
_MYSQL_BLOCK = re.compile(r"^```sql[ \t]+mysql[ \t]+(fail|pass|schema)([^\n]*)\n(.*?)^```[ \t]*$", re.S | re.M)


@dataclass(frozen=True)
class Example:
    kind: str  # "fail" | "pass"
    sql: str
    line: int  # where the block starts in the doc
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleDoc:
    path: str
    meta: dict[str, str]
    text: str  # the whole Markdown, front matter included
    body: str  # without front matter
    schema: str  # the ```sql schema``` blocks, joined: the baseline for the examples
    examples: tuple[Example, ...]
    mysql_schema: str = ""  # the same for the ```sql mysql …``` blocks
    mysql_examples: tuple[Example, ...] = ()

    @property
    def headings(self) -> list[str]:
        return re.findall(r"^## (.+?)\s*$", self.body, re.M)


def docs_dir() -> Path:
    """The folder of rule docs: inside the installed package, else the source checkout's."""
    packaged = Path(__file__).parent / "_rule_docs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def parse_doc(path: str, text: str) -> RuleDoc:
    m = _FRONT.match(text)
    meta: dict[str, str] = {}
    body = text
    if m:
        for line in m.group(1).splitlines():
            if ":" in line:
                key, value = line.split(":", 1)
                meta[key.strip()] = value.strip().strip('"')
        body = text[m.end():]
    schema, examples = _blocks(_BLOCK, text)
    mysql_schema, mysql_examples = _blocks(_MYSQL_BLOCK, text)
    return RuleDoc(path, meta, text, body, schema, examples, mysql_schema, mysql_examples)


def _blocks(pattern: re.Pattern, text: str) -> tuple[str, tuple[Example, ...]]:
    """The schema blocks (joined) and the fail/pass examples ``pattern`` finds in a doc."""
    schema_parts, examples = [], []
    for block in pattern.finditer(text):
        kind, attrs, sql = block.group(1), block.group(2), block.group(3)
        if kind == "schema":
            schema_parts.append(sql)
            continue
        options = dict(part.split("=", 1) for part in attrs.split() if "=" in part)
        examples.append(Example(kind, sql, text.count("\n", 0, block.start()) + 1, options))
    return "\n".join(schema_parts), tuple(examples)


@cache
def load_docs() -> dict[str, RuleDoc]:
    docs = {}
    for path in sorted(docs_dir().glob("*.md")):
        doc = parse_doc(str(path), path.read_text(encoding="utf-8"))
        if "code" in doc.meta:
            docs[doc.meta["code"]] = doc
    return docs


def load_doc(code: str) -> RuleDoc | None:
    return load_docs().get(code.upper())
