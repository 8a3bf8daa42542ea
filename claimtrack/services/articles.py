"""Articles: the stories whose claims are tracked."""

from __future__ import annotations

import builtins
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from claimtrack.domain import ArticleRecord, ChangeSet, Created, ValidationError
from claimtrack.intake.article import text_sha256
from claimtrack.services.base import ServiceBase, changes, known_ids, to_record
from claimtrack.store.models import Article, Claim, utcnow

_EDITABLE = frozenset({"title", "outlet", "url", "published", "language", "text"})


class ArticleService(ServiceBase):
    def create(
        self,
        title: str,
        text: str,
        *,
        outlet: str | None = None,
        url: str | None = None,
        published: date | None = None,
        language: str | None = None,
    ) -> Created:
        if not text.strip():
            raise ValidationError("The article has no text.")
        with self._write() as session:
            row = Article(
                title=title.strip() or "Untitled article",
                text=text,
                sha256=text_sha256(text),
                outlet=outlet,
                url=url,
                published=published,
                language=language,
                created_at=utcnow(),
                created_by=self.editor,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            self._log(session, "article", row.id, "(created)", None, row.title)
            return Created(row.id, changes(created={"article": [row.id]}))

    def update(
        self, article_id: int, expected_version: int | None = None, **fields: Any
    ) -> ChangeSet:
        """Edit an article; a new text gets a new SHA-256, and its claims are kept."""
        with self._write() as session:
            row = self._get(session, Article, article_id)
            self._check_version(row, expected_version)
            if "text" in fields:
                if not str(fields["text"]).strip():
                    raise ValidationError("The article has no text.")
                fields = {**fields, "sha256": text_sha256(fields["text"])}
            if not self._assign(session, row, fields, _EDITABLE | {"sha256"}):
                return ChangeSet()
            return changes(updated={"article": [article_id]})

    def delete(self, article_id: int) -> ChangeSet:
        """Delete an article and, with it, its claims (History keeps the record)."""
        with self._write() as session:
            row = self._get(session, Article, article_id)
            claim_ids = known_ids(
                session.exec(select(col(Claim.id)).where(Claim.article_id == article_id))
            )
            for claim_id in claim_ids:
                self._log(session, "claim", claim_id, "(deleted)", f"with article {row.title}")
            self._log(session, "article", article_id, "(deleted)", row.title, None)
            session.delete(row)
            return changes(deleted={"article": [article_id], "claim": claim_ids})

    def get(self, article_id: int) -> ArticleRecord:
        with self._read() as session:
            return to_record(ArticleRecord, self._get(session, Article, article_id))

    def list(self) -> list[ArticleRecord]:
        with self._read() as session:
            rows = session.exec(select(Article).order_by(col(Article.created_at), col(Article.id)))
            return [to_record(ArticleRecord, row) for row in rows]

    def find_by_sha256(self, sha256: str) -> builtins.list[ArticleRecord]:
        with self._read() as session:
            rows = session.exec(select(Article).where(Article.sha256 == sha256))
            return [to_record(ArticleRecord, row) for row in rows]

    def claim_counts(self) -> dict[int, int]:
        with self._read() as session:
            rows = session.exec(
                select(Claim.article_id, func.count()).group_by(col(Claim.article_id))
            )
            return dict(rows.all())
