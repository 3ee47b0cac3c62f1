"""Findings on Alembic revisions speak Alembic: the fix is an ``op.`` call in a revision on the
right branch, never "put it in expand.sql"."""

from __future__ import annotations

import ast
import re

import pytest

from expandcontract.api import lint_paths
from expandcontract.config import Config
from expandcontract.core.migration import ScriptKind, text_migration
from expandcontract.lint import lint_migrations
from expandcontract.rules._shared.alembic import in_alembic_terms

from .alembic_project import make_project, revision

BASE = revision("0001", None, """
    op.create_table("users", sa.Column("id", sa.BigInteger, primary_key=True), sa.Column("email", sa.Text),
                    sa.Column("org_id", sa.BigInteger), sa.Column("age", sa.Integer))
    op.create_table("orgs", sa.Column("id", sa.BigInteger, primary_key=True))
    op.create_index("users_email_idx", "users", ["email"])
""")

UNSAFE_EXPAND = revision("0002", "0001", """
    op.execute("SET LOCAL lock_timeout = '2s'")
    op.create_index("users_email_org_idx", "users", ["email", "org_id"], unique=True)
    op.drop_index("users_email_idx", table_name="users")
    op.create_foreign_key("users_org_id_fkey", "users", "orgs", ["org_id"], ["id"])
    op.create_check_constraint("users_age_check", "users", "age >= 0")
    op.alter_column("users", "email", existing_type=sa.Text, nullable=False)
    op.execute("UPDATE users SET age = 0 WHERE age IS NULL")
""", labels=("expand",))

UNSAFE_CONTRACT = revision("0003", "0002", """
    op.execute("SET LOCAL lock_timeout = '2s'")
    op.execute("CREATE VIEW adults AS SELECT * FROM users WHERE age >= 18")
    op.create_check_constraint("users_age_max", "users", "age < 200", postgresql_not_valid=True)
    op.execute("ALTER TABLE users VALIDATE CONSTRAINT users_age_max")
""", labels=("contract",))

MIGRATE_WITH_DDL = revision("0004", "0002", """
    op.add_column("users", sa.Column("nickname", sa.Text))
    op.execute("UPDATE users SET nickname = email")
""", header='phase = "migrate"')


@pytest.fixture
def findings(tmp_path):
    ini = make_project(tmp_path, {"0001_base": BASE, "0002_expand": UNSAFE_EXPAND, "0003_contract": UNSAFE_CONTRACT,
                                  "0004_migrate": MIGRATE_WITH_DDL})
    result = lint_paths([ini])
    by_code = {f.code: f for f in result.findings}
    by_code["__all__"] = list(result.findings)
    return by_code


def _parses(call: str) -> ast.AST:
    """An op. call in a help is valid Python (placeholders are strings)."""
    return ast.parse(call)


def _calls(help_text: str) -> list[str]:
    """Every ``op.name(…)`` in a help, with balanced parentheses."""
    found = []
    for match in re.finditer(r"op\.\w+\(", help_text):
        depth, end = 0, match.start()
        for end in range(match.end() - 1, len(help_text)):
            depth += {"(": 1, ")": -1}.get(help_text[end], 0)
            if depth == 0:
                break
        found.append(help_text[match.start():end + 1])
    return found


def test_index_and_constraint_helps_are_op_calls_in_an_autocommit_block(findings):
    ec201 = findings["EC201"].help
    assert ('with op.get_context().autocommit_block(): op.create_index("users_email_org_idx", "users", '
            '["email", "org_id"], unique=True, postgresql_concurrently=True)') in ec201
    assert ('with op.get_context().autocommit_block(): op.drop_index("users_email_idx", table_name="users", '
            'postgresql_concurrently=True)') in findings["EC202"].help
    ec204 = [f for f in lint_result_all(findings) if f.code == "EC204"]
    helps = " ".join(f.help for f in ec204)
    assert 'op.create_foreign_key("users_org_id_fkey", "users", "orgs", ["org_id"], ["…"], postgresql_not_valid=True)' in helps
    assert 'op.create_check_constraint("users_age_check", "users", "age >= 0", postgresql_not_valid=True)' in helps
    assert 'op.execute("ALTER TABLE users VALIDATE CONSTRAINT users_age_check")' in helps
    assert 'op.alter_column("users", "email", nullable=False)' in findings["EC209"].help
    assert "autocommit_block()" in findings["EC205"].help and "next revision" in findings["EC205"].help
    assert "move this operation to the next revision" in findings["EC213"].help
    assert findings["EC214"].help.startswith('start upgrade() with op.execute("SET LOCAL lock_timeout = \'2s\'")')
    for f in lint_result_all(findings):
        for call in _calls(f.help):
            _parses(call)


def lint_result_all(findings):
    return findings["__all__"] if "__all__" in findings else list(findings.values())


def test_phase_rules_name_revisions_and_how_to_declare_them(findings):
    backfill = findings["EC103"].help
    assert backfill.startswith('move this op.execute to a migrate revision (phase = "migrate", on the expand branch)')
    assert "`# expandcontract: backfill key=id`" in backfill and "expandcontract apply --alembic" in backfill
    assert findings["EC104"].help.startswith(
        'move this operation to an expand revision (branch_labels=("expand",) or phase = "expand")')
    assert findings["EC102"].help.startswith(
        'move this operation to an expand revision (branch_labels=("expand",) or phase = "expand")')
    assert "op.bulk_insert" in findings["EC102"].help
    assert "(an expand revision runs while the old app still serves traffic)" in findings["EC103"].message


def test_no_alembic_finding_speaks_of_sql_files(findings):
    for f in lint_result_all(findings):
        assert not re.search(r"\b(expand|migrate|contract)\.sql\b|-- expandcontract", f.message + f.help), (
            f.code, f.message, f.help)


def test_a_revision_without_a_phase_is_told_so_in_alembic_terms(tmp_path):
    ini = make_project(tmp_path, {"0001_base": BASE, "0002": revision("0002", "0001", """
        op.execute("SET LOCAL lock_timeout = '2s'")
        op.drop_column("users", "age")
    """)})
    [finding] = [f for f in lint_paths([ini]).findings if f.file.endswith("0002.py")]
    assert finding.code == "EC301"
    assert finding.message.endswith("(this revision declares no phase, so it runs before the new app is deployed, "
                                    "while the old app serves traffic)")
    assert 'then drop it in a contract revision (branch_labels=("contract",) or phase = "contract")' in finding.help


def test_rename_and_not_null_column_helps_are_revisions_of_op_calls(tmp_path):
    ini = make_project(tmp_path, {"0001_base": BASE, "0002": revision("0002", "0001", """
        op.execute("SET LOCAL lock_timeout = '2s'")
        op.alter_column("users", "email", new_column_name="login")
        op.add_column("users", sa.Column("score", sa.Integer, nullable=False))
    """)})
    helps = {f.code: f.help for f in lint_paths([ini]).findings if f.file.endswith("0002.py")}
    assert helps["EC303"].startswith('rename in three revisions: an expand revision (branch_labels=("expand",) or '
                                     'phase = "expand"): op.add_column("users", sa.Column("login", ...))')
    assert 'op.execute("UPDATE users SET login = email WHERE login IS DISTINCT FROM email")' in helps["EC303"]
    assert helps["EC303"].endswith('once the app uses only login: op.drop_column("users", "email")')
    assert ('give it a constant server default (stored once, no rewrite) in an expand revision (branch_labels=('
            '"expand",) or phase = "expand"): op.add_column("users", sa.Column("score", ..., nullable=False, '
            'server_default="<value>"))') in helps["EC305"]
    for text in helps.values():
        for call in _calls(text):
            _parses(call)


def test_sql_files_keep_their_wording():
    schema_sql = "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
    from expandcontract.core.schema import Schema

    result = lint_migrations([text_migration("m.sql", "CREATE INDEX i ON users (email);\nUPDATE users SET email = lower(email);",
                                             ScriptKind.EXPAND)],
                             baseline=Schema.from_sql(schema_sql), config=Config())
    helps = {f.code: f.help for f in result.findings}
    assert helps["EC201"].startswith("build it without blocking writes, outside a transaction: CREATE INDEX CONCURRENTLY")
    assert helps["EC103"].startswith("move it to migrate.sql")
    assert not any("op." in h for h in helps.values())


def test_the_wording_translation_declares_each_phase_once():
    assert in_alembic_terms("drop NOT NULL in contract.sql, then drop the column in this migration's contract.sql") == (
        'drop NOT NULL in a contract revision (branch_labels=("contract",) or phase = "contract"), then drop the '
        "column in a contract revision")
    assert in_alembic_terms("plain text") == "plain text"


def _helps(tmp_path, upgrade: str, base: str = BASE) -> dict[str, list[str]]:
    """The helps of the findings on revision 0002 (``upgrade``, an expand revision), by code."""
    ini = make_project(tmp_path, {"0001_base": base, "0002": revision("0002", "0001", upgrade, labels=("expand",))})
    helps: dict[str, list[str]] = {}
    for f in lint_paths([ini]).findings:
        if f.file.endswith("0002.py"):
            assert not re.search(r"\b(expand|migrate|contract)\.sql\b|-- expandcontract", f.message + f.help), (
                f.code, f.help)
            for call in _calls(f.help):
                _parses(call)
            helps.setdefault(f.code, []).append(f.help)
    return helps


def test_unique_constraint_and_inline_constraint_helps_are_op_calls(tmp_path):
    helps = _helps(tmp_path, """
        op.execute("SET LOCAL lock_timeout = '2s'")
        op.create_unique_constraint("users_email_key", "users", ["email"])
        op.execute("ALTER TABLE users ADD COLUMN code text UNIQUE")
        op.execute("ALTER TABLE users ADD COLUMN boss_id bigint REFERENCES orgs")
        op.add_column("users", sa.Column("level", sa.Integer, sa.CheckConstraint("level > 0", name="users_level_check")))
    """)
    assert helps["EC206"][0] == (
        "build the index without blocking, outside the revision's transaction, then attach it, which is instant: "
        'with op.get_context().autocommit_block(): op.create_index("users_email_key", "users", ["email"], '
        'unique=True, postgresql_concurrently=True); then op.execute("ALTER TABLE users ADD CONSTRAINT '
        'users_email_key UNIQUE USING INDEX users_email_key")')
    ec215 = " | ".join(helps["EC215"])
    assert 'op.add_column("users", sa.Column("code", ...)); with op.get_context().autocommit_block(): ' in ec215
    assert 'op.create_index("users_code_key", "users", ["code"], unique=True, postgresql_concurrently=True)' in ec215
    assert ('op.create_foreign_key("users_boss_id_fkey", "users", "orgs", ["boss_id"], ["…"], '
            'postgresql_not_valid=True)') in ec215
    assert 'op.create_check_constraint("users_level_check", "users", "level > 0", postgresql_not_valid=True)' in ec215
    assert 'op.execute("ALTER TABLE users VALIDATE CONSTRAINT users_level_check")' in ec215


def test_drop_helps_are_op_calls_in_a_contract_revision(tmp_path):
    base = revision("0001", None, """
        op.create_table("users", sa.Column("id", sa.BigInteger, primary_key=True), sa.Column("age", sa.Integer),
                        sa.Column("status", sa.Text, nullable=False, server_default="new"))
        op.create_table("legacy", sa.Column("id", sa.BigInteger, primary_key=True))
    """)
    helps = _helps(tmp_path, """
        op.execute("SET LOCAL lock_timeout = '2s'")
        op.drop_column("users", "age")
        op.drop_table("legacy")
        op.alter_column("users", "status", server_default=None)
    """, base)
    contract = 'a contract revision (branch_labels=("contract",) or phase = "contract")'
    assert helps["EC301"] == [f'stop using the column in the app first, deploy, then drop it in {contract}: '
                              'op.drop_column("users", "age")']
    assert helps["EC302"] == [f'stop using legacy in the app first, deploy, then drop it in {contract}: '
                              'op.drop_table("legacy")']
    assert helps["EC306"] == ['keep the default until no deployed app leaves the column out, then drop it in '
                              f'{contract}: op.alter_column("users", "status", server_default=None)']


def test_rename_narrowing_not_null_and_view_helps_are_op_calls(tmp_path):
    base = revision("0001", None, """
        op.create_table("users", sa.Column("id", sa.BigInteger, primary_key=True), sa.Column("email", sa.Text),
                        sa.Column("org_id", sa.BigInteger), sa.Column("age", sa.Integer))
        op.create_table("orgs", sa.Column("id", sa.BigInteger, primary_key=True))
        op.execute("CREATE VIEW user_orgs AS SELECT id, org_id FROM users")
    """)
    helps = _helps(tmp_path, """
        op.execute("SET LOCAL lock_timeout = '2s'")
        op.rename_table("orgs", "teams")
        op.alter_column("users", "email", type_=sa.String(20))
        op.alter_column("users", "age", nullable=False)
        op.drop_column("users", "org_id")
    """, base)
    contract = 'a contract revision (branch_labels=("contract",) or phase = "contract")'
    assert helps["EC304"] == [
        'keep the old name working in the same revision: op.rename_table("orgs", "teams") followed by '
        'op.execute("CREATE VIEW orgs AS SELECT * FROM teams") (a simple view is updatable, so the old app\'s reads '
        f'and writes go on); op.execute("DROP VIEW orgs") in {contract} once no app uses orgs']
    [ec308] = helps["EC308"]
    assert ec308.startswith(f"keep the type and enforce the limit in {contract}")
    assert ('op.create_check_constraint("users_email_length", "users", "char_length(email) <= 20", '
            'postgresql_not_valid=True); then, in its own transaction, with op.get_context().autocommit_block(): '
            'op.execute("ALTER TABLE users VALIDATE CONSTRAINT users_email_length")') in ec308
    [ec310] = helps["EC310"]
    assert ec310.startswith('backfill age in a migrate revision (phase = "migrate", on the expand branch), then in '
                            f'{contract}, once the old app is gone, each in its own transaction: '
                            'with op.get_context().autocommit_block(): op.create_check_constraint("users_age_not_null", '
                            '"users", "age IS NOT NULL", postgresql_not_valid=True); op.execute("ALTER TABLE users '
                            'VALIDATE CONSTRAINT users_age_not_null"); op.alter_column("users", "age", nullable=False); '
                            'op.drop_constraint("users_age_not_null", "users", type_="check")')
    assert ec310.endswith('op.alter_column("users", "age", server_default="<value>")')
    [ec311] = helps["EC311"]
    assert ec311.startswith('first stop using the dependent view, then op.execute("DROP VIEW user_orgs") before '
                            'op.drop_column("users", "org_id") in the same revision')
    assert "Alembic does not track views" in ec311


def test_rewrite_helps_are_revisions_of_op_calls(tmp_path):
    helps = _helps(tmp_path, """
        op.execute("SET LOCAL lock_timeout = '2s'")
        op.alter_column("users", "age", type_=sa.BigInteger)
        op.add_column("users", sa.Column("public_id", sa.Uuid, server_default=sa.text("gen_random_uuid()")))
        op.execute("ALTER TABLE users ADD COLUMN seq bigserial")
    """)
    [ec207] = helps["EC207"]
    assert ec207.startswith('move to a new column instead, in revisions: an expand revision (branch_labels=("expand",) '
                            'or phase = "expand"): op.add_column("users", sa.Column("age_new", ...)) (type bigint)')
    assert ('`# expandcontract: backfill key=…` above op.execute("UPDATE users SET age_new = age WHERE age_new IS NULL '
            'AND age IS NOT NULL")') in ec207
    assert 'op.drop_column("users", "age")' in ec207
    uuid, serial = helps["EC208"]
    assert uuid.startswith('add it without a server default, then set the default for new rows only, which is '
                           'instant: op.add_column("users", sa.Column("public_id", ...)); op.alter_column("users", '
                           '"public_id", server_default=sa.text("gen_random_uuid()")); then backfill in batches in a '
                           'migrate revision (phase = "migrate", on the expand branch)')
    assert 'op.execute("UPDATE users SET public_id = gen_random_uuid() WHERE public_id IS NULL")' in uuid
    assert serial.startswith('op.execute("CREATE SEQUENCE users_seq_seq"); op.add_column("users", sa.Column("seq", '
                             '...)) (type bigint); op.alter_column("users", "seq", server_default=sa.text('
                             '"nextval(\'users_seq_seq\')"))')
    assert 'op.execute("ALTER SEQUENCE users_seq_seq OWNED BY users.seq")' in serial


def test_maintenance_detach_and_robustness_helps_are_op_calls(tmp_path):
    helps = _helps(tmp_path, """
        op.execute("SET LOCAL lock_timeout = '2s'")
        op.create_table("events", sa.Column("id", sa.BigInteger, primary_key=True))
        with op.get_context().autocommit_block():
            op.create_index("users_age_idx", "users", ["age"], postgresql_concurrently=True)
            op.execute("REINDEX TABLE users")
            op.execute("ALTER TABLE users DETACH PARTITION users_old")
            op.execute("UPDATE users SET age = age + 1")
    """)
    autocommit = "with op.get_context().autocommit_block():"
    ec409 = helps["EC409"]
    assert 'make it safe to run twice: op.create_table("events", ..., if_not_exists=True)' in ec409
    assert (f'drop a failed leftover first: {autocommit} op.drop_index("users_age_idx", table_name="users", '
            'postgresql_concurrently=True, if_exists=True); then op.create_index("users_age_idx", "users", ["age"], '
            'postgresql_concurrently=True)') in ec409
    assert helps["EC211"] == ["outside the revision's transaction, so reads and writes go on: "
                              f'{autocommit} op.execute("REINDEX TABLE CONCURRENTLY users")']
    [ec212] = helps["EC212"]
    assert ec212.endswith(f'{autocommit} op.execute("ALTER TABLE users DETACH PARTITION users_old CONCURRENTLY")')


def test_a_type_change_blocked_by_a_view_drops_and_recreates_it_in_the_same_revision(tmp_path):
    base = revision("0001", None, """
        op.create_table("users", sa.Column("id", sa.BigInteger, primary_key=True), sa.Column("age", sa.Integer))
        op.execute("CREATE VIEW ages AS SELECT id, age FROM users")
    """)
    helps = _helps(tmp_path, """
        op.execute("SET LOCAL lock_timeout = '2s'")
        op.alter_column("users", "age", type_=sa.BigInteger)
    """, base)
    [ec311] = helps["EC311"]
    assert ec311.startswith('in the same revision: op.execute("DROP VIEW ages") before op.alter_column("users", '
                            '"age", type_=...), then op.execute the CREATE VIEW again with the same definition')
