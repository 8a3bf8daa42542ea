"""Full-text search, an append-only history and saved filters.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

The FTS5 index is kept in sync by triggers, so every write path (ORM, bulk UPDATE, a
migration) leaves it right. One view says what a claim's search document is; every
trigger rebuilds the rows it touched from that view.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FTS_SOURCE_VIEW = """
CREATE VIEW claim_fts_source AS
SELECT c.id AS id,
       c.article_id AS article_id,
       c.claimant_id AS claimant_id,
       c.text AS text,
       c.paraphrase AS paraphrase,
       c.notes AS notes,
       trim(coalesce(cl.name || ' ' || cl.aliases, '') || ' ' || coalesce(
           (SELECT group_concat(p.name || ' ' || p.aliases, ' ')
              FROM claim_party cp JOIN party p ON p.id = cp.party_id
             WHERE cp.claim_id = c.id), '')) AS parties,
       a.title AS article
  FROM claim c
  JOIN article a ON a.id = c.article_id
  LEFT JOIN party cl ON cl.id = c.claimant_id
"""


def _reindex(where: str) -> str:
    """Statements that rebuild the search rows of the claims matching ``where``."""
    return (
        f"DELETE FROM claim_fts WHERE rowid IN (SELECT id FROM claim c WHERE {where});"
        " INSERT INTO claim_fts(rowid, text, paraphrase, notes, parties, article)"
        f" SELECT id, text, paraphrase, notes, parties, article FROM claim_fts_source c"
        f" WHERE {where};"
    )


SQLITE_TRIGGERS = {
    "claim_fts_ai": "AFTER INSERT ON claim BEGIN " + _reindex("c.id = new.id") + " END",
    "claim_fts_au": (
        "AFTER UPDATE OF text, paraphrase, notes, claimant_id, article_id ON claim BEGIN "
        "DELETE FROM claim_fts WHERE rowid = old.id; " + _reindex("c.id = new.id") + " END"
    ),
    "claim_fts_ad": "AFTER DELETE ON claim BEGIN DELETE FROM claim_fts WHERE rowid = old.id; END",
    "claim_party_fts_ai": (
        "AFTER INSERT ON claim_party BEGIN " + _reindex("c.id = new.claim_id") + " END"
    ),
    "claim_party_fts_ad": (
        "AFTER DELETE ON claim_party BEGIN " + _reindex("c.id = old.claim_id") + " END"
    ),
    "party_fts_au": (
        "AFTER UPDATE OF name, aliases ON party BEGIN "
        + _reindex(
            "c.claimant_id = new.id OR c.id IN "
            "(SELECT claim_id FROM claim_party WHERE party_id = new.id)"
        )
        + " END"
    ),
    "article_fts_au": (
        "AFTER UPDATE OF title ON article BEGIN " + _reindex("c.article_id = new.id") + " END"
    ),
    "history_no_update": (
        "BEFORE UPDATE ON history BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"
    ),
    "history_no_delete": (
        "BEFORE DELETE ON history BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"
    ),
}


def upgrade() -> None:
    op.create_table(
        "saved_filter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("definition", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name", name="uq_saved_filter_name"),
    )
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL search and history guards come with team mode.
    op.execute(
        "CREATE VIRTUAL TABLE claim_fts USING fts5("
        "text, paraphrase, notes, parties, article, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(FTS_SOURCE_VIEW)
    for name, body in SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    # Claims written under revision 0001 get their search rows now.
    op.execute(
        "INSERT INTO claim_fts(rowid, text, paraphrase, notes, parties, article)"
        " SELECT id, text, paraphrase, notes, parties, article FROM claim_fts_source"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP VIEW IF EXISTS claim_fts_source")
        op.execute("DROP TABLE IF EXISTS claim_fts")
    op.drop_table("saved_filter")
