"""PostgreSQL search indexing: plain ASCII text skips the accent table.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

PostgreSQL only. ``claimtrack_fold`` (0003) folds accents with ``translate()`` over a
table of ~400 accented Latin letters; translate() compares every character of the text
with that whole table, so folding a 125-character claim took ~0.35 ms and building a
claim's search document ~1.6 ms (benchmarks/: 100,000 claims spent minutes in it when
copied or generated). Text with no character above U+007F holds nothing the table maps,
so ``lower(translate(t, …))`` is ``lower(t)`` for it: the new ``claimtrack_fold`` checks
that first and calls the old function, renamed ``claimtrack_fold_accents``, only for
other text. Every result is the same, so no search document changes and nothing is
reindexed; indexing plain text is ~10 times faster.
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# \u escapes, as in 0003, so the class means the same whatever the server's locale.
PLAIN_FOLD = r"""
CREATE FUNCTION claimtrack_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
SELECT CASE WHEN t ~ '[^\u0001-\u007F]' THEN claimtrack_fold_accents(t) ELSE lower(t) END
$fn$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER FUNCTION claimtrack_fold(text) RENAME TO claimtrack_fold_accents")
    op.execute(PLAIN_FOLD)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION claimtrack_fold(text)")
    op.execute("ALTER FUNCTION claimtrack_fold_accents(text) RENAME TO claimtrack_fold")
