"""Prefix indexes for search as you type (SQLite).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26

Each keystroke searches for the last word as a prefix. A one- or two-letter prefix ("b*")
made FTS5 merge the lists of every word that starts with it: 20-25 ms for the first page
of 100,000 claims, ~100 ms for the whole list. With ``prefix = '1 2 3'`` FTS5 keeps
those prefixes as index entries of their own: 0.1 ms and ~50 ms (figures in
docs/benchmarks.md). FTS5 options cannot be altered, so ``claim_fts`` is rebuilt with the
same columns and tokenizer from ``claim_fts_source`` (0002); the triggers of 0002 write
to it by name and need no change. PostgreSQL's search (0003) is untouched.
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = "text, paraphrase, notes, parties, article"
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"


def _rebuild(options: str) -> None:
    op.execute("DROP TABLE claim_fts")
    op.execute(f"CREATE VIRTUAL TABLE claim_fts USING fts5({COLUMNS}, {options})")
    op.execute(
        f"INSERT INTO claim_fts(rowid, {COLUMNS}) SELECT id, {COLUMNS} FROM claim_fts_source"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(f"{TOKENIZE}, prefix = '1 2 3'")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(TOKENIZE)
