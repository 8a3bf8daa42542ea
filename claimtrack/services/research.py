"""The evidence ledger and right-of-reply log of a claim.

Their History rows are filed under the claim ("evidence 3: excerpt"), so the claim's
History tab tells the whole story, deletions included.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import col, select

from claimtrack.domain import (
    ChangeSet,
    Created,
    EvidenceRecord,
    EvidenceType,
    ReplyChannel,
    ReplyRequestRecord,
    Stance,
    ValidationError,
)
from claimtrack.services.base import ServiceBase, changes, to_record
from claimtrack.store.models import Claim, Evidence, Party, ReplyRequest, utcnow

_EVIDENCE_EDITABLE = frozenset({"url", "file_path", "type", "stance", "excerpt", "accessed"})
_REPLY_EDITABLE = frozenset({"party_id", "asked_at", "channel", "response", "responded_at"})


def _evidence_record(row: Evidence) -> EvidenceRecord:
    return to_record(EvidenceRecord, row, type=EvidenceType(row.type), stance=Stance(row.stance))


class EvidenceService(ServiceBase):
    def add(
        self,
        claim_id: int,
        *,
        url: str | None = None,
        file_path: str | None = None,
        type: EvidenceType | str = EvidenceType.OTHER,
        stance: Stance | str = Stance.CONTEXT,
        excerpt: str = "",
        accessed: date | None = None,
    ) -> Created:
        if not (url or file_path):
            raise ValidationError("Evidence needs a link or a file.")
        with self._write() as session:
            self._get(session, Claim, claim_id)
            row = Evidence(
                claim_id=claim_id,
                url=url,
                file_path=file_path,
                type=EvidenceType(type).value,
                stance=Stance(stance).value,
                excerpt=excerpt,
                accessed=accessed,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            self._log(session, "claim", claim_id, f"evidence {row.id}", None, url or file_path)
            return Created(
                row.id, changes(created={"evidence": [row.id]}, updated={"claim": [claim_id]})
            )

    def update(
        self, evidence_id: int, expected_version: int | None = None, **fields: Any
    ) -> ChangeSet:
        for name, enum in (("type", EvidenceType), ("stance", Stance)):
            if name in fields:
                fields[name] = enum(fields[name]).value
        with self._write() as session:
            row = self._get(session, Evidence, evidence_id)
            self._check_version(row, expected_version)
            log_as = ("claim", row.claim_id)
            if not self._assign(
                session,
                row,
                fields,
                _EVIDENCE_EDITABLE,
                log_as=log_as,
                prefix=f"evidence {row.id}: ",
            ):
                return ChangeSet()
            if not (row.url or row.file_path):
                raise ValidationError("Evidence needs a link or a file.")
            return changes(updated={"evidence": [evidence_id], "claim": [row.claim_id]})

    def delete(self, evidence_id: int) -> ChangeSet:
        with self._write() as session:
            row = self._get(session, Evidence, evidence_id)
            what = row.url or row.file_path
            self._log(session, "claim", row.claim_id, f"evidence {row.id}", what, None)
            session.delete(row)
            return changes(deleted={"evidence": [evidence_id]}, updated={"claim": [row.claim_id]})

    def for_claim(self, claim_id: int) -> list[EvidenceRecord]:
        with self._read() as session:
            rows = session.exec(
                select(Evidence).where(Evidence.claim_id == claim_id).order_by(col(Evidence.id))
            )
            return [_evidence_record(row) for row in rows]


class ReplyService(ServiceBase):
    def add(
        self,
        claim_id: int,
        party_id: int,
        *,
        asked_at: datetime | None = None,
        channel: ReplyChannel | str = ReplyChannel.EMAIL,
        response: str = "",
        responded_at: datetime | None = None,
    ) -> Created:
        with self._write() as session:
            self._get(session, Claim, claim_id)
            party = self._get(session, Party, party_id)
            row = ReplyRequest(
                claim_id=claim_id,
                party_id=party_id,
                asked_at=asked_at or utcnow(),
                channel=ReplyChannel(channel).value,
                response=response,
                responded_at=responded_at,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            self._log(session, "claim", claim_id, f"reply request {row.id}", None, party.name)
            return Created(
                row.id, changes(created={"reply_request": [row.id]}, updated={"claim": [claim_id]})
            )

    def update(
        self, request_id: int, expected_version: int | None = None, **fields: Any
    ) -> ChangeSet:
        if "channel" in fields:
            fields["channel"] = ReplyChannel(fields["channel"]).value
        with self._write() as session:
            row = self._get(session, ReplyRequest, request_id)
            self._check_version(row, expected_version)
            log_as = ("claim", row.claim_id)
            prefix = f"reply request {row.id}: "
            if not self._assign(
                session, row, fields, _REPLY_EDITABLE, log_as=log_as, prefix=prefix
            ):
                return ChangeSet()
            return changes(updated={"reply_request": [request_id], "claim": [row.claim_id]})

    def delete(self, request_id: int) -> ChangeSet:
        with self._write() as session:
            row = self._get(session, ReplyRequest, request_id)
            self._log(session, "claim", row.claim_id, f"reply request {row.id}", "asked", None)
            session.delete(row)
            return changes(
                deleted={"reply_request": [request_id]}, updated={"claim": [row.claim_id]}
            )

    def for_claim(self, claim_id: int) -> list[ReplyRequestRecord]:
        with self._read() as session:
            rows = session.exec(
                select(ReplyRequest, Party.name)
                .join(Party, col(Party.id) == col(ReplyRequest.party_id))
                .where(ReplyRequest.claim_id == claim_id)
                .order_by(col(ReplyRequest.asked_at), col(ReplyRequest.id))
            )
            return [
                to_record(
                    ReplyRequestRecord, row, party_name=name, channel=ReplyChannel(row.channel)
                )
                for row, name in rows
            ]
