"""Revision 0006 on PostgreSQL: plain ASCII text is folded without the accent table, and
folding, search documents and the claims found stay exactly what revision 0005 gave."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.engine import make_url

from claimtrack.domain import ClaimFilter, PartyKind
from claimtrack.services import Services
from claimtrack.store import open_store
from claimtrack.store.engine import upgrade


def _connect(url: str) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(
        host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database
    )


def test_every_character_folds_as_the_accent_table_folds_it(pg_url: str) -> None:
    """Alone and inside plain words: the quick path for ASCII changes no result."""
    with _connect(pg_url) as conn:
        differ = conn.execute(
            "SELECT cp, claimtrack_fold(s), claimtrack_fold_accents(s)"
            "  FROM generate_series(1, 12287) AS cp,"
            "       LATERAL (VALUES (chr(cp)), ('Ab' || chr(cp) || 'Z')) AS v(s)"
            " WHERE claimtrack_fold(s) IS DISTINCT FROM claimtrack_fold_accents(s)"
        ).fetchall()
        assert differ == []
        folded = conn.execute(
            "SELECT claimtrack_fold('Harbour BOARD, 2024!'), claimtrack_fold('São Paulo RÉSUMÉ'),"
            "       claimtrack_fold(NULL)"
        ).fetchone()
    assert folded == ("harbour board, 2024!", "sao paulo resume", None)


def test_search_documents_written_before_0006_are_what_0006_would_write(
    pg_server, request: pytest.FixtureRequest
) -> None:
    name = pg_server.new_database(template=None)
    request.addfinalizer(lambda: pg_server.drop_database(name))
    url = pg_server.url(name)
    store = open_store(url, migrate=False)
    upgrade(store, "0005")
    services = Services(store, "Ayu")
    article = services.articles.create("Pelabuhan baru di Sorong", "Teks artikel.").id
    mayor = services.parties.create("Wali Kota Sorong", PartyKind.PERSON, aliases="Pak Wali").id
    agency = services.parties.create("Kantor Berita Timur", PartyKind.NEWS_AGENCY).id
    plain = services.claims.create(
        article, "The harbour opens in March", claimant_id=mayor, chain=[agency]
    ).id
    accented = services.claims.create(article, "Le café du port ouvre en été", notes="Déjà vu").id
    store.close()

    store = open_store(url)  # 0005 -> head
    services = Services(store, "Ayu")
    with _connect(url) as conn:
        stale = conn.execute(
            "SELECT s.claim_id FROM claim_search s JOIN claim c ON c.id = s.claim_id"
            " WHERE s.search <> claimtrack_claim_document(c)"
        ).fetchall()
    assert stale == []
    assert services.claims.query_ids(ClaimFilter(search="harbour mar")) == [plain]
    assert services.claims.query_ids(ClaimFilter(search="pak wali")) == [plain]
    assert services.claims.query_ids(ClaimFilter(search="sorong")) == [plain, accented]
    assert services.claims.query_ids(ClaimFilter(search="CAFE ete")) == [accented]
    assert services.claims.query_ids(ClaimFilter(search="deja")) == [accented]
    # A claim written after the upgrade is indexed through the new function.
    services.claims.update(plain, text="The harbour closes in Août")
    assert services.claims.query_ids(ClaimFilter(search="aout")) == [plain]
    store.close()
