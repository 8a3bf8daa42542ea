"""Team mode on PostgreSQL: full-text search, append-only history and change notifications.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

PostgreSQL only (SQLite got its FTS5 index and history guards in 0002; nothing changes
there). Everything lives in the database, so every write path (the services, a bulk
UPDATE, ``claimtrack copy``, psql) keeps it right:

* ``claim_search``: one ``tsvector`` per claim over its text, paraphrase, notes, the
  claimant's and chain parties' names and aliases, and the article title, with a GIN
  index. The ``simple`` configuration (no stemming, no stop words) so Indonesian works
  like English. Text is normalised like SQLite's ``unicode61 remove_diacritics 2``:
  accents folded, lower-cased, split on anything that is not a letter, digit or mark,
  so both backends find the same claims. ``claimtrack_search_query(words)`` builds the
  query the same way FTS5 does: every word must match, a word's parts are a phrase,
  the last part is a prefix.
* ``history`` refuses UPDATE, DELETE and TRUNCATE.
* every committed change NOTIFYs channel ``claimtrack`` with a compact JSON payload
  ``{"t": table, "op": "I|U|D", "ids": [...] or null, "by": editor, "pid": backend}``
  (a run of consecutive ids is sent as ``[first, last]``; null means "too many: reload");
  NOTIFY is delivered at commit only, so a rolled-back edit announces nothing. The
  editor comes from ``set_config('claimtrack.editor', …, true)`` set by the services.
"""

import unicodedata

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHANNEL = "claimtrack"
# Above this the payload would near NOTIFY's 8000-byte limit: send ids null ("reload all").
MAX_PAYLOAD = 7000


def _fold_pairs() -> tuple[str, str]:
    """Accented Latin letters and their bare base letter (what remove_diacritics 2 does)."""
    src, dst = [], []
    for block in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)):
        for cp in range(block[0], block[1] + 1):
            ch = chr(cp)
            parts = unicodedata.normalize("NFD", ch)
            if (
                len(parts) > 1
                and parts[0].isascii()
                and parts[0].isalpha()
                and all(unicodedata.combining(c) for c in parts[1:])
            ):
                src.append(ch)
                dst.append(parts[0])
    return "".join(src), "".join(dst)


def _separator_class() -> str:
    """A regex bracket expression of the characters that separate words.

    Punctuation, symbols, spaces and controls in the blocks where text lives, written as
    \\u escapes so PostgreSQL reads the same class whatever the server's locale.
    """
    blocks = ((0x1, 0x2BFF), (0x3000, 0x303F), (0xFE30, 0xFE4F), (0xFF00, 0xFF65))
    ranges: list[tuple[int, int]] = []
    for low, high in blocks:
        start = None
        for cp in range(low, high + 2):
            is_sep = cp <= high and unicodedata.category(chr(cp))[0] not in "LNM"
            if is_sep and unicodedata.category(chr(cp)) == "Co":
                is_sep = False
            if is_sep and start is None:
                start = cp
            elif not is_sep and start is not None:
                ranges.append((start, cp - 1))
                start = None
    parts = [f"\\u{a:04X}" if a == b else f"\\u{a:04X}-\\u{b:04X}" for a, b in ranges]
    parts.append("\\U0001F000-\\U0001FAFF")  # pictographs and emoji
    return "[" + "".join(parts) + "]"


def _functions() -> list[str]:
    src, dst = _fold_pairs()
    sep = _separator_class()
    return [
        f"""
CREATE FUNCTION claimtrack_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$ SELECT lower(translate(t, '{src}', '{dst}')) $fn$
""",
        f"""
CREATE FUNCTION claimtrack_search_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$ SELECT btrim(regexp_replace(claimtrack_fold(coalesce(t, '')), '{sep}+', ' ', 'g')) $fn$
""",
        """
CREATE FUNCTION claimtrack_search_query(words text[]) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $fn$
DECLARE
    word text;
    normal text;
    phrases text[] := '{}';
BEGIN
    FOREACH word IN ARRAY coalesce(words, '{}'::text[]) LOOP
        normal := claimtrack_search_text(word);
        IF normal <> '' THEN
            phrases := phrases || array_to_string(
                ARRAY(SELECT quote_literal(part)
                        FROM unnest(string_to_array(normal, ' ')) AS part), ' <-> ');
        END IF;
    END LOOP;
    IF cardinality(phrases) = 0 THEN
        RETURN NULL;
    END IF;
    RETURN to_tsquery('simple', array_to_string(phrases, ' & ') || ':*');
END
$fn$
""",
        """
CREATE FUNCTION claimtrack_claim_document(c claim) RETURNS tsvector
LANGUAGE sql STABLE
AS $fn$
SELECT to_tsvector('simple', claimtrack_search_text(concat_ws(' ',
    c.text, c.paraphrase, c.notes,
    (SELECT p.name || ' ' || p.aliases FROM party p WHERE p.id = c.claimant_id),
    (SELECT string_agg(p.name || ' ' || p.aliases, ' ' ORDER BY cp.position)
       FROM claim_party cp JOIN party p ON p.id = cp.party_id
      WHERE cp.claim_id = c.id),
    (SELECT a.title FROM article a WHERE a.id = c.article_id))))
$fn$
""",
        """
CREATE FUNCTION claimtrack_reindex(ids integer[]) RETURNS void
LANGUAGE sql
AS $fn$
INSERT INTO claim_search (claim_id, search)
SELECT c.id, claimtrack_claim_document(c) FROM claim c WHERE c.id = ANY (ids)
ON CONFLICT (claim_id) DO UPDATE SET search = EXCLUDED.search
$fn$
""",
        # Search triggers: statement-level with transition tables, so a bulk edit of
        # 10,000 claims reindexes in one statement, and only when searched text changed.
        """
CREATE FUNCTION claimtrack_claim_search_trg() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM claimtrack_reindex(ARRAY(SELECT id FROM new_rows));
    ELSE
        PERFORM claimtrack_reindex(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.text, n.paraphrase, n.notes, n.claimant_id, n.article_id)
                   IS DISTINCT FROM (o.text, o.paraphrase, o.notes, o.claimant_id, o.article_id)));
    END IF;
    RETURN NULL;
END
$fn$
""",
        """
CREATE FUNCTION claimtrack_chain_search_trg() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM claimtrack_reindex(ARRAY(SELECT DISTINCT claim_id FROM old_rows));
    ELSE
        PERFORM claimtrack_reindex(ARRAY(SELECT DISTINCT claim_id FROM new_rows));
    END IF;
    RETURN NULL;
END
$fn$
""",
        """
CREATE FUNCTION claimtrack_party_search_trg() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM claimtrack_reindex(ARRAY(
        SELECT c.id FROM claim c
         WHERE c.claimant_id IN (
                 SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE (n.name, n.aliases) IS DISTINCT FROM (o.name, o.aliases))
            OR c.id IN (
                 SELECT cp.claim_id FROM claim_party cp
                  WHERE cp.party_id IN (
                        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                         WHERE (n.name, n.aliases) IS DISTINCT FROM (o.name, o.aliases)))));
    RETURN NULL;
END
$fn$
""",
        """
CREATE FUNCTION claimtrack_article_search_trg() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM claimtrack_reindex(ARRAY(
        SELECT c.id FROM claim c
         WHERE c.article_id IN (
                 SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE n.title IS DISTINCT FROM o.title)));
    RETURN NULL;
END
$fn$
""",
        """
CREATE FUNCTION claimtrack_history_guard() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    RAISE EXCEPTION 'history is append-only' USING ERRCODE = 'restrict_violation';
END
$fn$
""",
        # NOTIFY: TG_ARGV[0] is the id column, TG_ARGV[1] the table the payload names
        # (chain links and tags announce their claim).
        f"""
CREATE FUNCTION claimtrack_notify_trg() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
DECLARE
    ids integer[];
    payload text;
    kind text := left(TG_OP, 1);
BEGIN
    IF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I ORDER BY %I) FROM old_rows',
                       TG_ARGV[0], TG_ARGV[0]) INTO ids;
    ELSE
        EXECUTE format('SELECT array_agg(DISTINCT %I ORDER BY %I) FROM new_rows',
                       TG_ARGV[0], TG_ARGV[0]) INTO ids;
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_ARGV[1] <> TG_TABLE_NAME THEN
        kind := 'U';
    END IF;
    -- Runs of consecutive ids travel as [first, last]: a bulk edit stays one small payload.
    payload := json_build_object(
        't', TG_ARGV[1], 'op', kind,
        'ids', (SELECT json_agg(CASE WHEN lo = hi THEN to_json(lo) ELSE to_json(ARRAY[lo, hi]) END
                                ORDER BY lo)
                  FROM (SELECT min(i) AS lo, max(i) AS hi
                          FROM (SELECT i, i - row_number() OVER (ORDER BY i) AS grp
                                  FROM unnest(ids) AS i) AS numbered
                         GROUP BY grp) AS runs),
        'by', coalesce(current_setting('claimtrack.editor', true), ''),
        'pid', pg_backend_pid())::text;
    IF octet_length(payload) > {MAX_PAYLOAD} THEN
        payload := json_build_object(
            't', TG_ARGV[1], 'op', kind, 'ids', NULL,
            'by', coalesce(current_setting('claimtrack.editor', true), ''),
            'pid', pg_backend_pid())::text;
    END IF;
    PERFORM pg_notify('{CHANNEL}', payload);
    RETURN NULL;
END
$fn$
""",
    ]


# table -> (id column, table named in the payload)
NOTIFIED = {
    "article": ("id", "article"),
    "party": ("id", "party"),
    "rating": ("id", "rating"),
    "workflow_status": ("id", "workflow_status"),
    "tag": ("id", "tag"),
    "claim": ("id", "claim"),
    "claim_party": ("claim_id", "claim"),
    "claim_tag": ("claim_id", "claim"),
    "evidence": ("id", "evidence"),
    "reply_request": ("id", "reply_request"),
    "history": ("id", "history"),
    "saved_filter": ("id", "saved_filter"),
}


def _triggers() -> list[str]:
    out = [
        "CREATE TRIGGER claim_search_ai AFTER INSERT ON claim REFERENCING NEW TABLE AS"
        " new_rows FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_claim_search_trg()",
        "CREATE TRIGGER claim_search_au AFTER UPDATE ON claim REFERENCING OLD TABLE AS"
        " old_rows NEW TABLE AS new_rows FOR EACH STATEMENT"
        " EXECUTE FUNCTION claimtrack_claim_search_trg()",
        "CREATE TRIGGER claim_party_search_ai AFTER INSERT ON claim_party REFERENCING NEW"
        " TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_chain_search_trg()",
        "CREATE TRIGGER claim_party_search_au AFTER UPDATE ON claim_party REFERENCING NEW"
        " TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_chain_search_trg()",
        "CREATE TRIGGER claim_party_search_ad AFTER DELETE ON claim_party REFERENCING OLD"
        " TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_chain_search_trg()",
        "CREATE TRIGGER party_search_au AFTER UPDATE ON party REFERENCING OLD TABLE AS"
        " old_rows NEW TABLE AS new_rows FOR EACH STATEMENT"
        " EXECUTE FUNCTION claimtrack_party_search_trg()",
        "CREATE TRIGGER article_search_au AFTER UPDATE ON article REFERENCING OLD TABLE AS"
        " old_rows NEW TABLE AS new_rows FOR EACH STATEMENT"
        " EXECUTE FUNCTION claimtrack_article_search_trg()",
        "CREATE TRIGGER history_no_update BEFORE UPDATE OR DELETE ON history"
        " FOR EACH ROW EXECUTE FUNCTION claimtrack_history_guard()",
        "CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history"
        " FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_history_guard()",
    ]
    for table, (column, named) in NOTIFIED.items():
        for verb, ref in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            alias = "new_rows" if ref == "NEW" else "old_rows"
            out.append(
                f"CREATE TRIGGER {table}_notify_{verb[0].lower()} AFTER {verb} ON {table}"
                f" REFERENCING {ref} TABLE AS {alias} FOR EACH STATEMENT"
                f" EXECUTE FUNCTION claimtrack_notify_trg('{column}', '{named}')"
            )
    return out


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite's search and history guards came with 0002.
    op.execute(
        "CREATE TABLE claim_search ("
        " claim_id integer PRIMARY KEY REFERENCES claim (id) ON DELETE CASCADE,"
        " search tsvector NOT NULL)"
    )
    op.execute("CREATE INDEX ix_claim_search_gin ON claim_search USING gin (search)")
    for statement in _functions():
        op.execute(statement)
    for statement in _triggers():
        op.execute(statement)
    # Claims written before this revision get their search rows now.
    op.execute("SELECT claimtrack_reindex(ARRAY(SELECT id FROM claim))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in NOTIFIED:
        for verb in "iud":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_{verb} ON {table}")
    for name, table in (
        ("claim_search_ai", "claim"),
        ("claim_search_au", "claim"),
        ("claim_party_search_ai", "claim_party"),
        ("claim_party_search_au", "claim_party"),
        ("claim_party_search_ad", "claim_party"),
        ("party_search_au", "party"),
        ("article_search_au", "article"),
        ("history_no_update", "history"),
        ("history_no_truncate", "history"),
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for fn in (
        "claimtrack_notify_trg()",
        "claimtrack_history_guard()",
        "claimtrack_article_search_trg()",
        "claimtrack_party_search_trg()",
        "claimtrack_chain_search_trg()",
        "claimtrack_claim_search_trg()",
        "claimtrack_reindex(integer[])",
        "claimtrack_claim_document(claim)",
        "claimtrack_search_query(text[])",
        "claimtrack_search_text(text)",
        "claimtrack_fold(text)",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS {fn}")
    op.execute("DROP TABLE IF EXISTS claim_search")
