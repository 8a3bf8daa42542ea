"""The claim search condition, written for whichever database runs the query.

SQLite asks its FTS5 table (revision 0002); PostgreSQL asks the ``claim_search``
tsvector with its GIN index (revision 0003). Both follow the same rules: every word must
match, the last word is a prefix, case and accents do not matter, and nothing an editor
types is ever read as query syntax. The choice is made when the statement is compiled,
so the services build one query and it runs on either backend.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import String, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import NullType

from claimtrack.store.search import fts5_query, like_pattern

_WORD = re.compile(r"\w+", re.UNICODE)

# The claims whose search document matches ``search_words(typed)`` on PostgreSQL; the
# placeholder is filled per driver style (benchmarks/ runs it through psycopg as a floor).
POSTGRESQL_HITS = (
    "SELECT claim_id FROM claim_search WHERE search @@ claimtrack_search_query({words})"
)


def search_words(typed: str) -> list[str]:
    """The words PostgreSQL's search looks for (the server folds and splits them further)."""
    return _WORD.findall(typed.replace("\x00", ""))


class ClaimSearch(ColumnElement[bool]):
    """True for the claims whose search document matches ``typed`` (see the module doc)."""

    # Not Boolean: SQLite would render "IN (...) = 1", which defeats the rowid lookup.
    type = NullType()  # type: ignore[assignment]  # deliberately not TypeEngine[bool]
    inherit_cache = False  # the SQL differs per dialect and per typed text

    def __init__(self, id_column: Any, typed: str) -> None:
        self.id_column = id_column
        self.typed = typed.replace("\x00", "")  # PostgreSQL text cannot hold NUL


@compiles(ClaimSearch)
def _compile_sqlite(element: ClaimSearch, compiler: SQLCompiler, **kw: Any) -> str:
    match = fts5_query(element.typed)
    if match is None:  # punctuation only: a literal substring of the claim text
        return compiler.process(_literal_text(element), **kw)
    hits = text("SELECT rowid FROM claim_fts WHERE claim_fts MATCH :match").bindparams(match=match)
    return compiler.process(element.id_column.in_(hits), **kw)


@compiles(ClaimSearch, "postgresql")
def _compile_postgresql(element: ClaimSearch, compiler: SQLCompiler, **kw: Any) -> str:
    words = search_words(element.typed)
    if not words:
        return compiler.process(_literal_text(element, insensitive=True), **kw)
    hits = text(POSTGRESQL_HITS.format(words=":words")).bindparams(
        bindparam("words", value=words, type_=ARRAY(String))
    )
    return compiler.process(element.id_column.in_(hits), **kw)


def _literal_text(element: ClaimSearch, *, insensitive: bool = False) -> ColumnElement[bool]:
    # SQLite's LIKE ignores ASCII case; ILIKE is PostgreSQL's equivalent.
    from claimtrack.store.models import Claim

    # SQLModel's stubs do not declare the __table__ its metaclass sets.
    column: ColumnElement[str] = Claim.__table__.c.text  # type: ignore[attr-defined]
    pattern = like_pattern(element.typed)
    if insensitive:
        return column.ilike(pattern, escape="\\")
    return column.like(pattern, escape="\\")


def claim_search(id_column: Any, typed: str) -> ColumnElement[bool]:
    return ClaimSearch(id_column, typed)


__all__ = ["POSTGRESQL_HITS", "ClaimSearch", "claim_search", "search_words"]
