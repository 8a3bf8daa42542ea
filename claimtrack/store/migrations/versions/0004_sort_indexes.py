"""Indexes and sort keys that let the claim table sort 100,000 claims by any column.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

Both backends: an index on ``claim.created_at`` (the "created" column).

SQLite only (PostgreSQL sorts 100,000 rows quickly enough on its own):

* case-insensitive indexes on ``claim.text`` and ``claim.assignee``: ``COLLATE NOCASE``
  orders exactly like the ``lower()`` the services used (SQLite's lower() and NOCASE
  both fold ASCII letters only), and SQLite can walk the index instead of sorting;
* ``claim_sort``: one row per claim with the keys of the columns that need a join or a
  subquery (claimant, first "via" party, first tag, article title), already lower-cased,
  each indexed. Triggers keep it right on every write path, like ``claim_fts`` (0002),
  so the services never write it. Not a model: it is SQLite's sorting machinery.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CLAIMANT = "(SELECT lower(p.name) FROM party p WHERE p.id = c.claimant_id)"
VIA = (
    "(SELECT lower(p.name) FROM claim_party cp JOIN party p ON p.id = cp.party_id"
    " WHERE cp.claim_id = c.id AND cp.position = 0)"
)
TAGS = (
    "(SELECT min(lower(t.name)) FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id"
    " WHERE ct.claim_id = c.id)"
)
ARTICLE = "(SELECT lower(a.title) FROM article a WHERE a.id = c.article_id)"
KEYS = {"claimant": CLAIMANT, "via": VIA, "tags": TAGS, "article": ARTICLE}


def _fill(where: str) -> str:
    """Rebuild the sort row of the claims ``c`` matching ``where``."""
    return (
        "INSERT OR REPLACE INTO claim_sort (claim_id, claimant, via, tags, article)"
        f" SELECT c.id, {CLAIMANT}, {VIA}, {TAGS}, {ARTICLE} FROM claim c WHERE {where};"
    )


def _set(key: str, where: str) -> str:
    """Recompute one key of the claims ``c`` matching ``where``."""
    return (
        f"UPDATE claim_sort SET {key} = (SELECT {KEYS[key]} FROM claim c"
        f" WHERE c.id = claim_sort.claim_id) WHERE claim_id IN (SELECT c.id FROM claim c"
        f" WHERE {where});"
    )


SORT_TRIGGERS = {
    "claim_sort_ai": "AFTER INSERT ON claim BEGIN " + _fill("c.id = new.id") + " END",
    "claim_sort_au": (
        "AFTER UPDATE OF claimant_id, article_id ON claim BEGIN " + _fill("c.id = new.id") + " END"
    ),
    "claim_sort_ad": (
        "AFTER DELETE ON claim BEGIN DELETE FROM claim_sort WHERE claim_id = old.id; END"
    ),
    "claim_party_sort_ai": (
        "AFTER INSERT ON claim_party BEGIN " + _set("via", "c.id = new.claim_id") + " END"
    ),
    "claim_party_sort_au": (
        "AFTER UPDATE ON claim_party BEGIN "
        + _set("via", "c.id IN (old.claim_id, new.claim_id)")
        + " END"
    ),
    "claim_party_sort_ad": (
        "AFTER DELETE ON claim_party BEGIN " + _set("via", "c.id = old.claim_id") + " END"
    ),
    "claim_tag_sort_ai": (
        "AFTER INSERT ON claim_tag BEGIN " + _set("tags", "c.id = new.claim_id") + " END"
    ),
    "claim_tag_sort_ad": (
        "AFTER DELETE ON claim_tag BEGIN " + _set("tags", "c.id = old.claim_id") + " END"
    ),
    "party_sort_au": (
        "AFTER UPDATE OF name ON party BEGIN "
        + _set("claimant", "c.claimant_id = new.id")
        + _set(
            "via",
            "c.id IN (SELECT claim_id FROM claim_party WHERE party_id = new.id AND position = 0)",
        )
        + " END"
    ),
    "tag_sort_au": (
        "AFTER UPDATE OF name ON tag BEGIN "
        + _set("tags", "c.id IN (SELECT claim_id FROM claim_tag WHERE tag_id = new.id)")
        + " END"
    ),
    "article_sort_au": (
        "AFTER UPDATE OF title ON article BEGIN "
        + _set("article", "c.article_id = new.id")
        + " END"
    ),
}

SQLITE_INDEXES = {
    "ix_sort_claim_text": "claim (text COLLATE NOCASE)",
    "ix_sort_claim_assignee": "claim (assignee COLLATE NOCASE)",
    "ix_sort_claimant": "claim_sort (claimant)",
    "ix_sort_via": "claim_sort (via)",
    "ix_sort_tags": "claim_sort (tags)",
    "ix_sort_article": "claim_sort (article)",
}


def upgrade() -> None:
    op.create_index("ix_claim_created", "claim", ["created_at"])
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE TABLE claim_sort (claim_id INTEGER PRIMARY KEY,"
        " claimant TEXT, via TEXT, tags TEXT, article TEXT)"
    )
    op.execute(_fill("1"))
    for name, target in SQLITE_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {target}")
    for name, body in SORT_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SORT_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for name in SQLITE_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS claim_sort")
    op.drop_index("ix_claim_created", table_name="claim")
