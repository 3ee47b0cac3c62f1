"""Write the robustness corpus: migrations in the style of real projects, and broken ones.

Run ``python tests/corpus/generate.py`` to (re)write ``tests/corpus/migrations/`` and
``tests/corpus/broken/``. The output depends only on ``SEED``: tests/test_corpus.py checks that
the committed files are exactly what this script writes.

``migrations/app/`` is one coherent history (each migration builds on the tables the earlier
ones created): tables with identity/serial/uuid keys, generated columns, enums, functions and
DO blocks in ``$$`` and ``$tag$`` quotes, triggers, views, materialized views, declarative
partitions, concurrent indexes, RLS policies, exclusion constraints, seeds with tricky strings,
phased directories (expand.sql/migrate.sql/contract.sql) and ``-- expandcontract: phase``
files, CRLF and BOM files. ``migrations/flyway/`` uses ``V1__name.sql`` names.
``broken/`` holds files with syntax errors; ``broken/expected.json`` says where each error is
(the generator checks that libpg_query blames exactly that spot).
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20240917
HERE = Path(__file__).resolve().parent
VALID_DIR = HERE / "migrations"
BROKEN_DIR = HERE / "broken"

# --------------------------------------------------------------------------------------------
# vocabulary

ENTITIES = [
    "projects", "tasks", "comments", "invoices", "payments", "subscriptions", "plans", "teams",
    "memberships", "notifications", "webhooks", "api_keys", "sessions", "documents",
    "attachments", "tags", "taggings", "orders", "order_items", "products", "inventory_items",
    "shipments", "addresses", "reviews", "coupons", "refunds", "messages", "channels",
    "reactions", "feature_flags", "experiments", "reports", "exports", "imports", "jobs",
    "schedules", "bookings", "rooms", "calendars", "locations", "devices", "sensors",
    "tickets", "sla_policies", "warehouses", "suppliers", "contracts", "leads", "campaigns",
    "surveys", "answers", "courses", "lessons", "enrollments", "badges", "wallets",
    "ledger_entries", "payouts", "vendors", "assets",
]
UNICODE_ENTITIES = ['"données_clients"', '"注文履歴"', '"straße_адреса"', '"Équipes"', '"παραγγελίες"']
COLUMN_TYPES = [
    ("text", ["'untitled'", "''"]),
    ("varchar(120)", ["'n/a'"]),
    ("integer", ["0", "1"]),
    ("bigint", ["0"]),
    ("numeric(12,2)", ["0", "0.00"]),
    ("boolean", ["false", "true"]),
    ("timestamptz", ["now()", "CURRENT_TIMESTAMP"]),
    ("date", ["CURRENT_DATE"]),
    ("jsonb", ["'{}'::jsonb", "'[]'::jsonb"]),
    ("uuid", ["gen_random_uuid()"]),
    ("inet", []),
    ("text[]", ["ARRAY[]::text[]", "'{}'"]),
    ("bytea", []),
    ("interval", ["interval '1 day'"]),
    ("smallint", ["1"]),
    ("double precision", ["0"]),
    ("char(3)", ["'EUR'"]),
    ("tstzrange", []),
]
WORDS = [
    "title", "status", "priority", "amount", "currency", "due_on", "notes", "metadata", "score",
    "position", "label", "color", "slug", "external_ref", "archived", "visibility", "kind",
    "source", "region", "quantity", "weight", "rating", "summary", "body", "locale", "timezone",
    "starts_at", "ends_at", "expires_at", "approved", "version", "checksum", "url", "email",
    "phone", "country", "tax_rate", "discount", "balance", "reference",
]
DEFAULTS = dict(COLUMN_TYPES)
STATUS_VALUES = ["draft", "pending", "active", "paused", "done", "archived", "failed", "cancelled"]
ROLES = ["app_rw", "app_ro", "reporting", "migrator"]
# strings that hide statement separators, quotes, comment starts and non-ASCII text
TRICKY_STRINGS = [
    "'O''Reilly; DROP TABLE users; --'",
    "E'It\\'s fine; really\\n(second line)'",
    "'Grüße aus Köln; 東京 👋'",
    "'/* not a comment */ -- nor this;'",
    "'$$ not a dollar quote $$'",
    "E'tab\\there; back\\\\slash'",
    "'semi;colon;everywhere;'",
    "U&'d\\0061t\\+000061; unicode escapes'",
    "'naïve café; crème brûlée'",
    "'multi\nline; string'",
    "$$dollar; 'quoted' text$$",
    "$note$tagged; $$ inside$note$",
]
COMMENTS = [
    "-- keep this idempotent; it runs on every deploy",
    "-- NOTE: statement_timeout is set by the runner; nothing to do here",
    "/* block comment; with a semicolon */",
    "/* nested /* comment; inner */ still a comment; */",
    "-- TODO(ops): revisit once the backfill is done",
    "-- ünïcödé comment — “quoted”; fine",
    "/*\n * multi-line header\n * author: platform team; reviewed\n */",
]


@dataclass
class Table:
    name: str
    columns: list[str]
    key_type: str = "bigint"
    partitioned: bool = False
    partitions: list[str] = field(default_factory=list)
    has_default_partition: bool = False
    pinned: set[str] = field(default_factory=set)  # used by views, generated columns, keys
    types: dict[str, str] = field(default_factory=dict)

    def free_columns(self) -> list[str]:
        """Columns nothing else depends on: safe to drop, retype or rename."""
        return [c for c in self.columns if c not in self.pinned and c not in ("id", "created_at", "updated_at")]


@dataclass
class History:
    rng: random.Random
    tables: dict[str, Table] = field(default_factory=dict)
    enums: dict[str, list[str]] = field(default_factory=dict)
    functions: list[str] = field(default_factory=list)
    views: list[str] = field(default_factory=list)
    matviews: list[str] = field(default_factory=list)
    used_entities: set[str] = field(default_factory=set)
    counter: int = 0

    def pick(self, seq):
        return self.rng.choice(list(seq))

    def table(self) -> Table:
        return self.rng.choice([t for t in self.tables.values() if not t.partitioned])

    def fresh_entity(self) -> str:
        for name in self.rng.sample(ENTITIES, len(ENTITIES)):
            if name not in self.used_entities:
                self.used_entities.add(name)
                return name
        self.counter += 1
        name = f"{self.pick(ENTITIES)}_v{self.counter}"
        self.used_entities.add(name)
        return name

    def fresh_column(self, table: Table) -> str:
        for word in self.rng.sample(WORDS, len(WORDS)):
            if word not in table.columns:
                return word
        self.counter += 1
        return f"extra_{self.counter}"

    def comment(self) -> str:
        return self.pick(COMMENTS)

    def string(self) -> str:
        return self.pick(TRICKY_STRINGS)


def bare(name: str) -> str:
    """An identifier usable inside another name: ``"données_clients"`` -> ``données_clients``."""
    return name.strip('"').split(".")[-1]


# --------------------------------------------------------------------------------------------
# migration kinds: each returns {relative path: text} and updates the history


def create_table(h: History, name: str | None = None, *, with_parent: bool = True) -> str:
    name = name or h.fresh_entity()
    h.used_entities.add(name)
    rng = h.rng
    key_style = rng.choice(["identity", "identity_default", "bigserial", "uuid", "serial"])
    key_sql = {
        "identity": "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        "identity_default": "id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 1000) PRIMARY KEY",
        "bigserial": "id bigserial PRIMARY KEY",
        "uuid": "id uuid PRIMARY KEY DEFAULT gen_random_uuid()",
        "serial": "id serial NOT NULL",
    }[key_style]
    lines = [key_sql]
    table = Table(name, ["id"], key_type={"uuid": "uuid", "serial": "integer"}.get(key_style, "bigint"))
    parent = None
    if not with_parent:
        pass
    elif "accounts" in h.tables and rng.random() < 0.8:
        parent = h.tables["accounts"]
    elif h.tables and rng.random() < 0.5:
        parent = h.table()
    if parent:
        fk_col = f"{bare(parent.name).rstrip('s')}_id"
        lines.append(f"{fk_col} {parent.key_type} NOT NULL REFERENCES {parent.name} (id) ON DELETE CASCADE")
        table.columns.append(fk_col)
        table.pinned.add(fk_col)
    for _ in range(rng.randint(2, 7)):
        col = h.fresh_column(table)
        ctype, defaults = rng.choice(COLUMN_TYPES)
        sql = f"{col} {ctype}"
        if defaults and rng.random() < 0.5:
            sql += f" NOT NULL DEFAULT {rng.choice(defaults)}"
        elif rng.random() < 0.2:
            sql += " NOT NULL"
        if ctype == "integer" and rng.random() < 0.4:
            sql += f" CHECK ({col} >= 0)"
        if ctype.startswith("varchar") and rng.random() < 0.3:
            sql += " UNIQUE"
        lines.append(sql)
        table.columns.append(col)
        table.types[col] = ctype
    if rng.random() < 0.3:
        src = "title" if "title" not in table.columns else "subtitle"
        lines.append(f"{src} text NOT NULL DEFAULT ''")
        table.columns.append(src)
        table.types[src] = "text"
        lines.append(f"search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce({src}, ''))) STORED")
        table.columns.append("search")
        table.pinned |= {src, "search"}
    if rng.random() < 0.25:
        lines.append("net_cents bigint NOT NULL DEFAULT 0")
        lines.append("net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED")
        table.columns += ["net_cents", "net_amount"]
        table.pinned |= {"net_cents", "net_amount"}
    lines.append("created_at timestamptz NOT NULL DEFAULT now()")
    lines.append("updated_at timestamptz NOT NULL DEFAULT now()")
    table.columns += ["created_at", "updated_at"]
    if key_style == "serial":
        lines.append(f"CONSTRAINT {bare(name)}_pkey PRIMARY KEY (id)")
    if rng.random() < 0.3:
        lines.append(f"CONSTRAINT {bare(name)}_dates_check CHECK (updated_at >= created_at)")
    guard = " IF NOT EXISTS" if rng.random() < 0.5 else ""
    body = ",\n    ".join(lines)
    out = [h.comment(), f"CREATE TABLE{guard} {name} (\n    {body}\n);"]
    if parent:
        out.append(f"CREATE INDEX IF NOT EXISTS {bare(name)}_{fk_col}_idx ON {name} ({fk_col});")
    out.append(f"COMMENT ON TABLE {name} IS {h.string()};")
    if rng.random() < 0.5:
        out.append(f"COMMENT ON COLUMN {name}.created_at IS 'When the row was inserted; UTC';")
    if rng.random() < 0.6:
        out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {h.pick(ROLES)};")
    h.tables[name] = table
    return "\n".join(out) + "\n"


def add_columns(h: History) -> str:
    t = h.table()
    rng = h.rng
    out = [h.comment()]
    for _ in range(rng.randint(1, 3)):
        col = h.fresh_column(t)
        ctype, defaults = rng.choice(COLUMN_TYPES)
        guard = "IF NOT EXISTS " if rng.random() < 0.5 else ""
        extra = ""
        if defaults and rng.random() < 0.5:
            extra = f" NOT NULL DEFAULT {rng.choice(defaults)}"
        out.append(f"ALTER TABLE {t.name} ADD COLUMN {guard}{col} {ctype}{extra};")
        t.columns.append(col)
        t.types[col] = ctype
    if rng.random() < 0.4:
        col = h.fresh_column(t)
        out.append(f"ALTER TABLE {t.name}\n    ADD COLUMN {col} text,\n    ADD COLUMN {col}_at timestamptz;")
        t.columns += [col, f"{col}_at"]
        t.types.update({col: "text", f"{col}_at": "timestamptz"})
    return "\n".join(out) + "\n"


def concurrent_index(h: History) -> str:
    t = h.table()
    rng = h.rng
    cols = rng.sample(t.columns, min(len(t.columns), rng.randint(1, 2)))
    name = f"{bare(t.name)}_{'_'.join(bare(c) for c in cols)}_idx"
    unique = "UNIQUE " if rng.random() < 0.2 else ""
    where = " WHERE created_at > '2020-01-01'" if rng.random() < 0.3 else ""
    method = " USING btree" if rng.random() < 0.3 else ""
    out = [
        "-- CONCURRENTLY cannot run inside a transaction block; run this file on its own",
        f"SET lock_timeout = '{rng.choice(['2s', '5s', '10s'])}';",
        f"CREATE {unique}INDEX CONCURRENTLY IF NOT EXISTS {name}\n    ON {t.name}{method} ({', '.join(cols)}){where};",
    ]
    if rng.random() < 0.3:
        out.append(f"DROP INDEX CONCURRENTLY IF EXISTS {bare(t.name)}_legacy_idx;")
    if rng.random() < 0.2:
        schema = t.name.rsplit(".", 1)[0] + "." if "." in t.name else ""
        out.append(f"REINDEX INDEX CONCURRENTLY {schema}{name};")
    if rng.random() < 0.3:
        out.append(f"ANALYZE {t.name};")
    return "\n".join(out) + "\n"


def trigger_function(h: History) -> str:
    t = h.table()
    rng = h.rng
    tag = rng.choice(["$$", "$fn$", "$body$", "$_$", "$trigger$"])
    fname = f"{bare(t.name)}_touch"
    out = [
        f"CREATE OR REPLACE FUNCTION {fname}() RETURNS trigger\nLANGUAGE plpgsql AS {tag}",
        "BEGIN",
        f"    -- keep updated_at fresh; {rng.choice(['cheap', 'idempotent', 'safe'])}",
        "    IF NEW IS DISTINCT FROM OLD THEN",
        "        NEW.updated_at := now();",
        "    END IF;",
        f"    RAISE DEBUG 'touched %; done', {rng.choice(['NEW.id', 'TG_TABLE_NAME'])};",
        "    RETURN NEW;",
        "END;",
        f"{tag};",
        f"DROP TRIGGER IF EXISTS {fname} ON {t.name};",
        f"CREATE TRIGGER {fname}\n    BEFORE UPDATE ON {t.name}\n    FOR EACH ROW EXECUTE FUNCTION {fname}();",
    ]
    h.functions.append(fname)
    if rng.random() < 0.4:
        out += [
            "",
            f"CREATE OR REPLACE FUNCTION {bare(t.name)}_audit() RETURNS trigger AS $audit$",
            "DECLARE",
            "    payload jsonb;",
            "BEGIN",
            "    payload := to_jsonb(COALESCE(NEW, OLD));",
            "    EXECUTE format($q$INSERT INTO audit_log (table_name, op, row_data) VALUES (%L, %L, %L)$q$,",
            "                   TG_TABLE_NAME, TG_OP, payload);",
            "    RETURN NULL; -- AFTER trigger; result ignored",
            "END",
            "$audit$ LANGUAGE plpgsql SECURITY DEFINER;",
            f"DROP TRIGGER IF EXISTS {bare(t.name)}_audit ON {t.name};",
            f"CREATE TRIGGER {bare(t.name)}_audit AFTER INSERT OR UPDATE OR DELETE ON {t.name}",
            f"    FOR EACH ROW EXECUTE PROCEDURE {bare(t.name)}_audit();",
        ]
    return "\n".join(out) + "\n"


def do_block(h: History) -> str:
    rng = h.rng
    if rng.random() < 0.5 or not h.tables:
        enum = f"{h.pick(['ticket', 'job', 'order', 'payment', 'review'])}_state_{len(h.enums)}"
        values = rng.sample(STATUS_VALUES, rng.randint(2, 5))
        h.enums[enum] = values
        quoted = ", ".join(f"''{v}''" for v in values)
        return (
            "DO $$\nBEGIN\n"
            f"    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = '{enum}') THEN\n"
            f"        EXECUTE 'CREATE TYPE {enum} AS ENUM ({quoted})';\n"
            "    END IF;\nEND\n$$;\n"
            f"CREATE TYPE {enum}_v2 AS ENUM ({', '.join(repr(v) for v in values)});\n"
        ).replace('"', "'")
    t = h.table()
    role = h.pick(ROLES)
    return (
        f"{h.comment()}\n"
        "DO $do$\n"
        "DECLARE\n    r record;\nBEGIN\n"
        f"    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN\n"
        f"        CREATE ROLE {role} NOLOGIN;\n"
        "    END IF;\n"
        "    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP\n"
        f"        EXECUTE format('GRANT SELECT ON %I TO {role}; -- per table', r.tablename);\n"
        "    END LOOP;\n"
        f"    PERFORM 1 FROM {t.name} LIMIT 1; -- touch; {h.pick(['ok', 'fine'])}\n"
        "END\n"
        "$do$ LANGUAGE plpgsql;\n"
    )


def enum_values(h: History) -> str:
    if not h.enums:
        return do_block(h)
    enum = h.pick(h.enums)
    values = h.enums[enum]
    new = h.pick([v for v in [*STATUS_VALUES, "on_hold", "escalated", "réouvert"] if v not in values] or ["extra"])
    where = f" AFTER '{values[-1]}'" if h.rng.random() < 0.5 else f" BEFORE '{values[0]}'"
    values.append(new)
    out = [
        "-- ADD VALUE cannot be used in the same transaction as the new value",
        f"ALTER TYPE {enum} ADD VALUE IF NOT EXISTS '{new}'{where};",
    ]
    if h.rng.random() < 0.3:
        out.append(f"ALTER TYPE {enum} RENAME VALUE '{values[0]}' TO '{values[0]}_old';")
        values[0] += "_old"
    return "\n".join(out) + "\n"


def views(h: History) -> str:
    t = h.table()
    rng = h.rng
    picked = rng.sample(t.columns, min(3, len(t.columns)))
    t.pinned |= set(picked) | {"created_at"}
    out = []
    name = f"active_{bare(t.name)}"
    if name in h.views:
        out.append(f"DROP VIEW {name};")
    out.append(
        f"CREATE OR REPLACE VIEW {name} AS\nSELECT {', '.join(picked)}\nFROM {t.name}\n"
        f"WHERE created_at > now() - interval '90 days' -- recent; others archived\n;"
    )
    out.append(f"ALTER VIEW {name} OWNER TO {h.pick(ROLES)};")
    h.views.append(name)
    if rng.random() < 0.6:
        mv = f"{bare(t.name)}_daily_stats"
        out += [
            f"CREATE MATERIALIZED VIEW IF NOT EXISTS {mv} AS",
            "SELECT date_trunc('day', created_at) AS day, count(*) AS n",
            f"FROM {t.name}",
            "GROUP BY 1",
            "WITH NO DATA;",
            f"CREATE UNIQUE INDEX IF NOT EXISTS {mv}_day_idx ON {mv} (day);",
            f"REFRESH MATERIALIZED VIEW {mv};",
        ]
        h.matviews.append(mv)
    if h.matviews and rng.random() < 0.4:
        out.append(f"REFRESH MATERIALIZED VIEW CONCURRENTLY {h.pick(h.matviews)};")
    if len(h.views) > 2 and rng.random() < 0.3:
        gone = h.views.pop(0)
        out.append(f"DROP VIEW IF EXISTS {gone};")
    return "\n".join(out) + "\n"


def partitions(h: History) -> str:
    rng = h.rng
    style = rng.choice(["range", "range", "list", "hash"])
    name = f"{h.pick(['events', 'metrics', 'page_views', 'audit_log', 'readings'])}_{len(h.tables)}"
    t = Table(name, ["id", "occurred_at", "payload", "region"], partitioned=True)
    out = [h.comment()]
    key = {"range": "RANGE (occurred_at)", "list": "LIST (region)", "hash": "HASH (id)"}[style]
    pk = {"range": "id, occurred_at", "list": "id, region", "hash": "id"}[style]
    out.append(
        f"CREATE TABLE {name} (\n"
        "    id bigint GENERATED ALWAYS AS IDENTITY,\n"
        "    occurred_at timestamptz NOT NULL,\n"
        "    region text NOT NULL DEFAULT 'eu',\n"
        "    payload jsonb NOT NULL DEFAULT '{}',\n"
        f"    PRIMARY KEY ({pk})\n"
        f") PARTITION BY {key};"
    )
    if style == "range":
        t.has_default_partition = rng.random() < 0.5
        year = rng.choice([2023, 2024, 2025])
        for month in range(1, rng.randint(3, 7)):
            part = f"{name}_{year}_{month:02d}"
            out.append(
                f"CREATE TABLE {part} PARTITION OF {name}\n"
                f"    FOR VALUES FROM ('{year}-{month:02d}-01') TO ('{year}-{month + 1:02d}-01');"
            )
            t.partitions.append(part)
        if t.has_default_partition:
            out.append(f"CREATE TABLE {name}_default PARTITION OF {name} DEFAULT;")
    elif style == "list":
        for region in ("eu", "us", "apac"):
            out.append(f"CREATE TABLE {name}_{region} PARTITION OF {name} FOR VALUES IN ('{region}');")
            t.partitions.append(f"{name}_{region}")
    else:
        for r in range(4):
            out.append(f"CREATE TABLE {name}_p{r} PARTITION OF {name} FOR VALUES WITH (MODULUS 4, REMAINDER {r});")
            t.partitions.append(f"{name}_p{r}")
    out.append(f"CREATE INDEX {name}_payload_idx ON {name} USING gin (payload);")
    h.tables[name] = t
    return "\n".join(out) + "\n"


def partition_maintenance(h: History) -> str:
    ranged = [t for t in h.tables.values() if t.partitioned and t.partitions and "_20" in t.partitions[0]]
    if not ranged:
        return partitions(h)
    t = h.pick(ranged)
    last = t.partitions[-1]
    year, month = int(last.split("_")[-2]), int(last.split("_")[-1])
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    nxt_year, nxt_month = (year + 1, 1) if month == 12 else (year, month + 1)
    part = f"{t.name}_{year}_{month:02d}"
    out = [
        "-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan",
        f"CREATE TABLE IF NOT EXISTS {part}\n    (LIKE {t.name} INCLUDING DEFAULTS INCLUDING CONSTRAINTS);",
        f"ALTER TABLE {part} ADD CONSTRAINT {part}_bounds\n"
        f"    CHECK (occurred_at >= '{year}-{month:02d}-01' AND occurred_at < '{nxt_year}-{nxt_month:02d}-01');",
        f"ALTER TABLE {t.name} ATTACH PARTITION {part}\n"
        f"    FOR VALUES FROM ('{year}-{month:02d}-01') TO ('{nxt_year}-{nxt_month:02d}-01');",
        f"ALTER TABLE {part} DROP CONSTRAINT {part}_bounds;",
    ]
    t.partitions.append(part)
    if len(t.partitions) > 3:
        old = t.partitions.pop(0)
        concurrently = " CONCURRENTLY" if not t.has_default_partition else ""
        out.append(f"ALTER TABLE {t.name} DETACH PARTITION {old}{concurrently};")
        out.append(f"DROP TABLE IF EXISTS {old};")
    return "\n".join(out) + "\n"


def seeds(h: History) -> str:
    rng = h.rng
    if "plans" not in h.tables:
        create = create_table(h, "plans", with_parent=False)
        h.tables["plans"].columns += ["code", "name", "price_cents", "features"]
        h.tables["plans"].pinned |= {"code", "name", "price_cents", "features"}
        create = create.replace(
            "created_at timestamptz NOT NULL DEFAULT now()",
            "code text NOT NULL UNIQUE,\n    name text NOT NULL DEFAULT '',\n"
            "    price_cents integer NOT NULL DEFAULT 0,\n    features jsonb NOT NULL DEFAULT '{}',\n"
            "    created_at timestamptz NOT NULL DEFAULT now()",
            1,
        )
        return create
    rows = []
    for i in range(rng.randint(2, 6)):
        code = f"{rng.choice(['free', 'pro', 'team', 'enterprise', 'édu', 'non-profit'])}_{h.counter}_{i}"
        rows.append(f"    ('{code}', {h.string()}, {rng.randint(0, 9999)}, '{{\"seats\": {rng.randint(1, 50)}}}')")
    h.counter += 1
    out = [
        h.comment(),
        "INSERT INTO plans (code, name, price_cents, features) VALUES\n" + ",\n".join(rows) + "\nON CONFLICT (code) DO NOTHING;",
        f"UPDATE plans SET name = {h.string()} WHERE code LIKE 'pro%';",
    ]
    if rng.random() < 0.4:
        out.append("DELETE FROM plans WHERE price_cents < 0;")
    if rng.random() < 0.3:
        out.append(
            "INSERT INTO plans (code, name)\nSELECT 'legacy_' || code, name || ' (legacy)'\nFROM plans WHERE price_cents = 0\n"
            "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name;"
        )
    return "\n".join(out) + "\n"


def sequences(h: History) -> str:
    t = h.table()
    col = h.fresh_column(t)
    schema = t.name.rsplit(".", 1)[0] + "." if "." in t.name else ""
    seq = f"{schema}{bare(t.name)}_{col}_seq"
    t.columns.append(col)
    t.types[col] = "bigint"
    return (
        f"CREATE SEQUENCE IF NOT EXISTS {seq} START WITH 1000 INCREMENT BY 1 CACHE 1;\n"
        f"ALTER TABLE {t.name} ADD COLUMN IF NOT EXISTS {col} bigint;\n"
        f"ALTER TABLE {t.name} ALTER COLUMN {col} SET DEFAULT nextval('{seq}');\n"
        f"ALTER SEQUENCE {seq} OWNED BY {t.name}.{col};\n"
        f"SELECT setval('{seq}', 1000, false);\n"
    )


def rls(h: History) -> str:
    t = h.table()
    tenant = next((c for c in t.columns if c.endswith("_id") and c != "id"), "id")
    return (
        f"ALTER TABLE {t.name} ENABLE ROW LEVEL SECURITY;\n"
        f"ALTER TABLE {t.name} FORCE ROW LEVEL SECURITY;\n"
        f"DROP POLICY IF EXISTS {bare(t.name)}_tenant ON {t.name};\n"
        f"CREATE POLICY {bare(t.name)}_tenant ON {t.name}\n"
        f"    FOR ALL TO {h.pick(ROLES)}\n"
        f"    USING ({tenant}::text = current_setting('app.tenant_id', true))\n"
        f"    WITH CHECK ({tenant}::text = current_setting('app.tenant_id', true));\n"
        f"DROP POLICY IF EXISTS {bare(t.name)}_read ON {t.name};\n"
        f"CREATE POLICY {bare(t.name)}_read ON {t.name} AS PERMISSIVE FOR SELECT USING (true);\n"
    )


def extensions(h: History) -> str:
    picks = h.rng.sample(['citext', '"btree_gist"', "pg_trgm", "hstore", "unaccent", "ltree"], 3)
    out = [f"CREATE EXTENSION IF NOT EXISTS {e};" for e in picks]
    if h.rng.random() < 0.3:
        out.append('CREATE EXTENSION IF NOT EXISTS "fuzzystrmatch" WITH SCHEMA public;')
    return h.comment() + "\n" + "\n".join(out) + "\n"


def exclusion(h: History) -> str:
    name = f"bookings_{len(h.tables)}"
    h.tables[name] = Table(name, ["id", "room_id", "during", "created_at"])
    return (
        "CREATE EXTENSION IF NOT EXISTS btree_gist;\n"
        f"CREATE TABLE {name} (\n"
        "    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
        "    room_id bigint NOT NULL,\n"
        "    during tstzrange NOT NULL,\n"
        "    created_at timestamptz NOT NULL DEFAULT now(),\n"
        "    EXCLUDE USING gist (room_id WITH =, during WITH &&)\n"
        ");\n"
        f"ALTER TABLE {name} ADD CONSTRAINT {name}_no_empty CHECK (NOT isempty(during));\n"
        f"ALTER TABLE {name} ADD CONSTRAINT {name}_room_excl\n"
        "    EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE (NOT isempty(during));\n"
    )


def constraints(h: History) -> str:
    t = h.table()
    rng = h.rng
    fillable = [c for c in t.free_columns() if DEFAULTS.get(t.types.get(c, ""))]
    col = rng.choice(fillable or t.columns)
    out = []
    if not fillable or rng.random() < 0.5:
        other = h.table()
        fk = f"{bare(t.name)}_{bare(other.name)}_fk"
        ref_col = f"{bare(other.name)}_ref"
        out += [
            f"ALTER TABLE {t.name} ADD COLUMN IF NOT EXISTS {ref_col} {other.key_type};",
            f"ALTER TABLE {t.name} ADD CONSTRAINT {fk}\n    FOREIGN KEY ({ref_col}) REFERENCES {other.name} (id) NOT VALID;",
            f"ALTER TABLE {t.name} VALIDATE CONSTRAINT {fk};",
        ]
        if ref_col not in t.columns:
            t.columns.append(ref_col)
        t.pinned.add(ref_col)
    else:
        chk = f"{bare(t.name)}_{bare(col)}_nn_check"
        fill = DEFAULTS[t.types[col]][0]
        out += [
            f"UPDATE {t.name} SET {col} = {fill} WHERE {col} IS NULL; -- backfill first",
            f"ALTER TABLE {t.name} ADD CONSTRAINT {chk} CHECK ({col} IS NOT NULL) NOT VALID;",
            f"ALTER TABLE {t.name} VALIDATE CONSTRAINT {chk};",
            f"ALTER TABLE {t.name} ALTER COLUMN {col} SET NOT NULL;",
            f"ALTER TABLE {t.name} DROP CONSTRAINT {chk};",
        ]
    if rng.random() < 0.3:
        idx = f"{bare(t.name)}_{bare(col)}_key_idx"
        out += [
            f"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {idx} ON {t.name} ({col});",
            f"ALTER TABLE {t.name} ADD CONSTRAINT {bare(t.name)}_{bare(col)}_uniq UNIQUE USING INDEX {idx};",
        ]
    return "\n".join(out) + "\n"


def column_changes(h: History) -> str:
    t = h.table()
    rng = h.rng
    free = t.free_columns()
    if not free:
        return add_columns(h)
    col = rng.choice(free)
    choice = rng.random()
    if choice < 0.25 and DEFAULTS.get(t.types.get(col, "")):
        value = h.string() if t.types[col] in ("text", "varchar(120)") else DEFAULTS[t.types[col]][-1]
        return (
            f"ALTER TABLE {t.name} ALTER COLUMN {col} SET DEFAULT {value};\n"
            f"ALTER TABLE {t.name} ALTER COLUMN {col} DROP DEFAULT;\n"
        )
    if choice < 0.5:
        t.types[col] = "text"
        return f"ALTER TABLE {t.name} ALTER COLUMN {col} TYPE text USING {col}::text;\n"
    if choice < 0.7:
        return f"ALTER TABLE {t.name} ALTER COLUMN {col} DROP NOT NULL;\n"
    new = h.fresh_column(t)
    t.columns[t.columns.index(col)] = new
    if col in t.types:
        t.types[new] = t.types.pop(col)
    return f"-- renaming breaks the old app; see the phased migrations for the safe way\nALTER TABLE {t.name} RENAME COLUMN {col} TO {new};\n"


def identity_later(h: History) -> str:
    name = f"{h.fresh_entity()}"
    h.tables[name] = Table(name, ["id", "label", "created_at"])
    return (
        f"CREATE TABLE {name} (id bigint NOT NULL, label text, created_at timestamptz DEFAULT now());\n"
        f"ALTER TABLE ONLY {name} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (\n"
        f"    SEQUENCE NAME {name}_id_seq\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1\n);\n"
        f"ALTER TABLE ONLY {name}\n    ADD CONSTRAINT {name}_pkey PRIMARY KEY (id);\n"
    )


def transaction_block(h: History) -> str:
    t = h.table()
    begin = h.pick(["BEGIN;", "START TRANSACTION;", "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE;"])
    col = h.fresh_column(t)
    t.columns.append(col)
    t.types[col] = "text"
    return (
        f"{begin}\n"
        "SET LOCAL lock_timeout = '5s';\n"
        f"ALTER TABLE {t.name} ADD COLUMN {col} text;\n"
        f"UPDATE {t.name} SET {col} = {h.string()} WHERE id IN (SELECT id FROM {t.name} LIMIT 100);\n"
        "SAVEPOINT before_comment;\n"
        f"COMMENT ON COLUMN {t.name}.{col} IS {h.string()};\n"
        "RELEASE SAVEPOINT before_comment;\n"
        "COMMIT;\n"
    )


def procedures(h: History) -> str:
    t = h.table()
    name = f"archive_{bare(t.name)}"
    atomic = h.rng.random() < 0.5
    if atomic:
        body = (
            f"CREATE OR REPLACE FUNCTION count_{bare(t.name)}() RETURNS bigint\nLANGUAGE sql STABLE\n"
            f"BEGIN ATOMIC\n    SELECT count(*) FROM {t.name};\nEND;\n"
        )
    else:
        body = (
            f"CREATE OR REPLACE FUNCTION count_{bare(t.name)}() RETURNS bigint\n"
            f"LANGUAGE sql STABLE AS 'SELECT count(*) FROM {t.name}';\n"
        )
    return (
        f"CREATE OR REPLACE PROCEDURE {name}(cutoff timestamptz)\nLANGUAGE plpgsql AS $proc$\n"
        "BEGIN\n"
        f"    DELETE FROM {t.name} WHERE created_at < cutoff; -- batch; commit below\n"
        "    COMMIT;\n"
        "END\n$proc$;\n"
        f"{body}"
        f"CALL {name}(now() - interval '5 years');\n"
    )


def merge(h: History) -> str:
    t = h.table()
    col = next((c for c in t.columns if c not in ("id", "search", "amount")), "created_at")
    return (
        f"MERGE INTO {t.name} AS target\n"
        f"USING (SELECT id, {col} FROM {t.name} ORDER BY id LIMIT 100) AS source\n"
        "ON target.id = source.id\n"
        f"WHEN MATCHED THEN UPDATE SET {col} = source.{col}\n"
        "WHEN NOT MATCHED THEN DO NOTHING;\n"
    )


def types_and_domains(h: History) -> str:
    h.counter += 1
    n = h.counter
    return (
        f"CREATE DOMAIN email_{n} AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');\n"
        f"CREATE DOMAIN positive_amount_{n} AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);\n"
        f"CREATE TYPE money_{n} AS (amount numeric(12,2), currency char(3));\n"
        f"ALTER DOMAIN email_{n} ADD CONSTRAINT email_{n}_len CHECK (length(VALUE) < 320) NOT VALID;\n"
        f"ALTER DOMAIN email_{n} VALIDATE CONSTRAINT email_{n}_len;\n"
    )


def grants(h: History) -> str:
    t = h.table()
    role = h.pick(ROLES)
    return (
        f"GRANT USAGE ON SCHEMA public TO {role};\n"
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};\n"
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {role};\n"
        f"REVOKE DELETE ON {t.name} FROM {h.pick(ROLES)};\n"
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};\n"
    )


def schemas(h: History) -> str:
    schema = h.pick(["analytics", "billing", "archive", "reporting", "ops"])
    name = f"{schema}.{h.pick(['page_views', 'snapshots', 'daily_totals', 'exports'])}_{len(h.tables)}"
    h.tables[name] = Table(name, ["id", "captured_at", "data", "created_at"])
    return (
        f"CREATE SCHEMA IF NOT EXISTS {schema};\n"
        f"CREATE TABLE IF NOT EXISTS {name} (\n"
        "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
        "    captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
        "    data jsonb,\n"
        "    created_at timestamptz NOT NULL DEFAULT now()\n);\n"
        f"CREATE INDEX IF NOT EXISTS {bare(name)}_captured_at_idx ON {name} USING brin (captured_at);\n"
    )


def drops(h: History) -> str:
    out = [h.comment()]
    if h.functions and h.rng.random() < 0.5:
        out.append(f"DROP FUNCTION IF EXISTS {h.functions.pop()}() CASCADE;")
    out.append(f"DROP TABLE IF EXISTS legacy_{h.pick(ENTITIES)} CASCADE;")
    out.append(f"DROP TYPE IF EXISTS legacy_state_{h.rng.randint(1, 9)};")
    out.append(f"DROP INDEX IF EXISTS {bare(h.table().name)}_old_idx;")
    out.append(f"DROP VIEW IF EXISTS legacy_view_{h.rng.randint(1, 9)};")
    return "\n".join(out) + "\n"


def unicode_table(h: History) -> str:
    for name in UNICODE_ENTITIES:
        if name not in h.tables:
            break
    else:
        return create_table(h)
    h.tables[name] = Table(name, ["id", '"nom"', '"état"', "created_at"])
    return (
        "-- identifiants non ASCII; « guillemets » et points-virgules;\n"
        f"CREATE TABLE {name} (\n"
        "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
        '    "nom" text NOT NULL DEFAULT \'sans nom\',\n'
        '    "état" text NOT NULL DEFAULT \'brouillon\',\n'
        "    created_at timestamptz NOT NULL DEFAULT now()\n);\n"
        f"INSERT INTO {name} (\"nom\", \"état\") VALUES ('Zoë; l''été', 'publié'), ('日本語', E'ligne\\nsuivante');\n"
        f"COMMENT ON TABLE {name} IS 'Données; clientes — ne pas supprimer';\n"
    )


KINDS: list[tuple[Callable[[History], str], int, str]] = [
    (create_table, 14, "create"),
    (add_columns, 12, "add_columns"),
    (concurrent_index, 10, "index"),
    (trigger_function, 6, "trigger"),
    (do_block, 5, "do_block"),
    (enum_values, 4, "enum_value"),
    (views, 6, "views"),
    (partitions, 3, "partitioned"),
    (partition_maintenance, 4, "partition_maintenance"),
    (seeds, 5, "seed"),
    (sequences, 3, "sequence"),
    (rls, 3, "rls"),
    (extensions, 2, "extensions"),
    (exclusion, 2, "exclusion"),
    (constraints, 6, "constraints"),
    (column_changes, 5, "column_change"),
    (identity_later, 2, "identity"),
    (transaction_block, 3, "transaction"),
    (procedures, 3, "procedure"),
    (merge, 2, "merge"),
    (types_and_domains, 2, "domains"),
    (grants, 3, "grants"),
    (schemas, 2, "schema"),
    (drops, 2, "drops"),
    (unicode_table, 2, "unicode"),
]


# --------------------------------------------------------------------------------------------
# phased migrations: one change split into expand / migrate / contract


def phased_change(h: History) -> tuple[str, dict[str, str]]:
    """A name for the change, and the scripts that replace one column with another safely."""
    t = h.table()
    rng = h.rng
    free = t.free_columns()
    prelude = ""
    if not free:
        col = h.fresh_column(t)
        t.columns.append(col)
        free = [col]
        prelude = f"ALTER TABLE {t.name} ADD COLUMN IF NOT EXISTS {col} text;\n"
    old = rng.choice(free)
    new = h.fresh_column(t)
    tag = rng.choice(["$$", "$sync$"])
    fn = f"{bare(t.name)}_sync_{new}"
    size = rng.choice([1000, 5000, 10000])
    batches = "\n".join(
        f"UPDATE {t.name} SET {new} = {old}::text\n"
        f"WHERE id IN (SELECT id FROM {t.name} WHERE {new} IS NULL AND {old} IS NOT NULL LIMIT {size});"
        for _ in range(rng.randint(1, 4))
    )
    expand = (
        f"-- expand: add {new} next to {old}; both apps keep working\n{prelude}"
        f"ALTER TABLE {t.name} ADD COLUMN IF NOT EXISTS {new} text;\n"
        f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS {tag}\n"
        f"BEGIN\n    NEW.{new} := COALESCE(NEW.{new}, NEW.{old}::text); -- old app writes {old}; copy it\n"
        f"    RETURN NEW;\nEND\n{tag};\n"
        f"CREATE TRIGGER {fn} BEFORE INSERT OR UPDATE ON {t.name}\n    FOR EACH ROW EXECUTE FUNCTION {fn}();\n"
    )
    migrate = f"-- migrate: backfill in batches, each its own short transaction\n{batches}\n"
    contract = (
        f"-- contract: the old app is gone\n"
        f"DROP TRIGGER IF EXISTS {fn} ON {t.name};\n"
        f"DROP FUNCTION IF EXISTS {fn}();\n"
        f"ALTER TABLE {t.name} DROP COLUMN IF EXISTS {old};\n"
    )
    t.columns.remove(old)
    t.columns.append(new)
    t.types.pop(old, None)
    t.types[new] = "text"
    scripts = {"expand": expand, "migrate": migrate, "contract": contract}
    if rng.random() < 0.2:
        del scripts["migrate"]
    return f"replace_{bare(old)}_with_{new}", scripts


def phased_directory(h: History) -> tuple[str, dict[str, str]]:
    slug, scripts = phased_change(h)
    return slug, {f"{kind}.sql": text for kind, text in scripts.items()}


def release(h: History) -> tuple[str, str]:
    """(label, text) of an ordinary migration: one change, or a release bundling a few."""
    weights = [w for _, w, _ in KINDS]
    picks = h.rng.choices(KINDS, weights, k=1 if h.rng.random() < 0.6 else h.rng.randint(2, 6))
    label = picks[0][2] if len(picks) == 1 else "release"
    return label, "\n".join(kind(h) for kind, _, _ in picks)


def phase_marker_file(h: History) -> tuple[str, str]:
    slug, scripts = phased_change(h)
    parts = ["-- one migration, three phases, one file"]
    for kind, text in scripts.items():
        parts.append(f"-- expandcontract: phase {kind}\n{text}")
    return slug, "\n".join(parts)


# --------------------------------------------------------------------------------------------
# odd files: line endings, BOM, no trailing semicolon, comments only


def odd_file(h: History, which: int) -> tuple[str, str]:
    """(suffix, text) of one awkward-but-valid file."""
    t = h.table()
    col = h.fresh_column(t)
    t.columns.append(col)
    if which == 0:
        text = f"-- windows line endings\r\nALTER TABLE {t.name} ADD COLUMN {col} text;\r\nSELECT 1;\r\n"
        return "crlf", text
    if which == 1:
        return "bom", f"\ufeff-- starts with a byte order mark\nALTER TABLE {t.name} ADD COLUMN {col} integer;\n"
    if which == 2:
        return "no_semicolon", f"ALTER TABLE {t.name}\n\tADD COLUMN {col} boolean\n\tDEFAULT false"
    if which == 3:
        t.columns.remove(col)
        return "comments_only", "-- nothing to do in this release; kept for numbering\n/* intentionally empty; */\n"
    if which == 4:
        return "one_line", f"alter table {t.name} add column {col} text; select 2; -- trailing; comment"
    return "tabs", f"\t\tALTER\tTABLE\t{t.name}\n\t\t\tADD\tCOLUMN\t{col}\tjsonb;\n"


# --------------------------------------------------------------------------------------------
# broken files: each broken statement is wrapped in « », its error token in ⟦ ⟧; the generator
# removes the marks, noting where the token starts (1-based line and column, in characters)

BROKEN = {
    "0001_typo_keyword.sql": (
        "CREATE TABLE ok_first (id bigint PRIMARY KEY);\n"
        "ALTER TABLE ok_first ADD COLUMN note text;\n"
        "«CREATE ⟦TABEL⟧ oops (id int)»;\n"
        "ALTER TABLE ok_first ADD COLUMN other text;\n"
    ),
    "0002_error_on_third_line.sql": (
        "-- header comment; with a semicolon\n"
        "«UPDATE users\n"
        "   SET name = 'x; y'\n"
        " WHERE ⟦WHERE⟧ id = 1»;\n"
        "SELECT 1;\n"
    ),
    "0003_unicode_before_error.sql": (
        "INSERT INTO \"données\" (nom) VALUES ('Zoë');\n"
        "«UPDATE \"tâches\" SET \"état\" = 'fini; ok' WHERE ⟦WHERE⟧ id = 1»;\n"
        "/* trailing; */ SELECT 2;\n"
    ),
    "0004_trailing_comma.sql": (
        "«CREATE TABLE t1 (\n"
        "    id bigint PRIMARY KEY,\n"
        "    name text,\n"
        "⟦)⟧»;\n"
        "CREATE INDEX CONCURRENTLY t1_name_idx ON t1 (name);\n"
    ),
    "0005_two_errors.sql": (
        "«ALTER TABLE users ALTER COLUMN email SET NOT ⟦NUL⟧»;\n"
        "SELECT 'fine; really';\n"
        "«DROP TABLE users ⟦users2⟧»;\n"
    ),
    "0006_dollar_quote_then_error.sql": (
        "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$\nBEGIN\n  RETURN 1; -- ;\nEND\n$fn$;\n"
        "«INSERT INTO t VALUES (1, 2, ⟦)⟧»;\n"
    ),
    "0007_phase_markers.sql": (
        "-- expandcontract: phase expand\n"
        "ALTER TABLE users ADD COLUMN nickname text;\n"
        "-- expandcontract: phase contract\n"
        "«ALTER TABLE users DROP COLUMN ⟦COLUMN⟧ name»;\n"
    ),
    "0008_phased/contract.sql": (
        "-- contract\n"
        "ALTER TABLE users DROP COLUMN legacy_name;\n"
        "«ALTER TABLE users RENAME TO ⟦TO⟧ people»;\n"
    ),
    "0008_phased/expand.sql": "ALTER TABLE users ADD COLUMN display_name text;\n",
    "0009_unterminated_dollar_quote.sql": (
        "SELECT 1;\n"
        "«CREATE FUNCTION g() RETURNS int AS ⟦$$⟧ SELECT 1; \n»"
    ),
    "0010_crlf.sql": "SELECT 1;\r\n«ALTER TABLE t ADD COLUMN c int ⟦DEFALT⟧ 0»;\r\nSELECT 2;\r\n",
}


def broken_files() -> tuple[dict[str, str], list[dict]]:
    """The broken files, and for each error: file, line, column, token and the statement's
    character span (for the generator's own check)."""
    files, expected = {}, []
    for path, marked in BROKEN.items():
        text = marked
        while "«" in text:
            begin = text.index("«")
            text = text[:begin] + text[begin + 1 :]
            start = text.index("⟦")
            end = text.index("⟧", start)
            token = text[start + 1 : end]
            text = text[:start] + token + text[end + 1 :]
            stop = text.index("»")
            text = text[:stop] + text[stop + 1 :]
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            expected.append({"file": path, "line": line, "column": column, "token": token,
                             "span": [begin, stop]})
        files[path] = text
    return files, expected


# --------------------------------------------------------------------------------------------


def app_history(rng: random.Random, count: int) -> dict[str, str]:
    h = History(rng)
    files: dict[str, str] = {}
    h.tables["accounts"] = Table("accounts", ["id", "name", "created_at", "updated_at"])
    files["0001_create_accounts.sql"] = (
        "-- the tenant table; everything else hangs off it\n"
        "CREATE EXTENSION IF NOT EXISTS citext;\n"
        "CREATE TABLE accounts (\n"
        "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
        "    name text NOT NULL,\n"
        "    created_at timestamptz NOT NULL DEFAULT now(),\n"
        "    updated_at timestamptz NOT NULL DEFAULT now()\n"
        ");\n"
        "CREATE TABLE audit_log (\n"
        "    id bigserial PRIMARY KEY,\n"
        "    table_name text NOT NULL,\n"
        "    op text NOT NULL,\n"
        "    row_data jsonb,\n"
        "    created_at timestamptz NOT NULL DEFAULT now()\n"
        ");\n"
    )
    odd = 0
    for number in range(2, count + 1):
        roll = rng.random()
        if roll < 0.08:
            slug, scripts = phased_directory(h)
            for name, text in scripts.items():
                files[f"{number:04d}_{slug}/{name}"] = text
        elif roll < 0.13:
            slug, text = phase_marker_file(h)
            files[f"{number:04d}_{slug}_phased.sql"] = text
        elif roll < 0.16:
            suffix, text = odd_file(h, odd % 6)
            odd += 1
            files[f"{number:04d}_{suffix}.sql"] = text
        else:
            label, text = release(h)
            files[f"{number:04d}_{label}.sql"] = text
    return files


def flyway_history(rng: random.Random, count: int) -> dict[str, str]:
    h = History(rng)
    h.used_entities.update(rng.sample(ENTITIES, 10))
    files = {"V1__init.sql": create_table(h, "accounts") + create_table(h)}
    version = [1, 0]
    for _ in range(count - 1):
        if rng.random() < 0.2:
            version[1] += 1
            name = f"V{version[0]}_{version[1]}"
        else:
            version = [version[0] + 1, 0]
            name = f"V{version[0]}"
        label, text = release(h)
        files[f"{name}__{label}.sql"] = text
    return files


def corpus() -> tuple[dict[str, str], dict[str, str], list[dict]]:
    rng = random.Random(SEED)
    valid = {f"app/{p}": t for p, t in app_history(rng, 300).items()}
    valid.update({f"flyway/{p}": t for p, t in flyway_history(rng, 45).items()})
    broken, expected = broken_files()
    return valid, broken, expected


def check(valid: dict[str, str], broken: dict[str, str], expected: list[dict]) -> None:
    """Every valid file parses; every broken token is where libpg_query says the error is."""
    import pgparse

    for path, text in valid.items():
        try:
            pgparse.parse(text.lstrip("\ufeff"))
        except pgparse.PGQueryError as exc:
            raise SystemExit(f"generated an invalid file {path}: {exc}\n{text}") from None
    for path, original in broken.items():
        text = original
        for item in [e for e in expected if e["file"] == path]:
            lines = text.split("\n")
            offset = sum(len(s) + 1 for s in lines[: item["line"] - 1]) + item["column"] - 1
            assert text.startswith(item["token"], offset), item
            try:
                pgparse.parse(text)
                raise SystemExit(f"{path}: {item} parses")
            except pgparse.PGQueryError as exc:
                blamed, message = exc.args[1] - 1, exc.args[0]  # a 1-based character offset
            if blamed != offset:
                raise SystemExit(f"{path}: libpg_query blames offset {blamed} ({message}), not {item}")
            # blank the broken statement (keeping line breaks) to reach the next error
            start, stop = item["span"]
            text = text[:start] + "".join(c if c in "\r\n" else " " for c in text[start:stop]) + text[stop:]
        try:
            pgparse.parse(text)
        except pgparse.PGQueryError as exc:
            raise SystemExit(f"{path}: an unexpected error: {exc}") from None


def write(root: Path, files: dict[str, str]) -> None:
    if root.exists():
        shutil.rmtree(root)
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as out:
            out.write(text)


STARTS_EMPTY = """\
# This history builds its database from an empty one (its first migration runs on an empty
# database, as `trace` runs it): lint then knows every table and index, so DROP … IF EXISTS of
# one the history never made drops and locks nothing.
[tool.expandcontract]
starts_empty = true
"""


def main(out: Path = HERE) -> None:
    valid, broken, expected = corpus()
    check(valid, broken, expected)
    write(out / "migrations", valid)
    for history in ("app", "flyway"):  # each builds its database from an empty one
        (out / "migrations" / history / "expandcontract.toml").write_text(STARTS_EMPTY, encoding="utf-8")
    write(out / "broken", broken)
    public = [{k: v for k, v in e.items() if k != "span"} for e in expected]
    (out / "broken" / "expected.json").write_text(json.dumps(public, indent=1, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")
    print(f"{len(valid)} valid files, {len(broken)} broken files -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
