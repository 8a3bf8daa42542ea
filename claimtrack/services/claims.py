"""Claims: the one ClaimService callers use, made of its reads and its edits.

The reads (get, query_ids, count, …) live in claim_queries.py and the edits (create,
update, update_merging, delete, …) in claim_edits.py; this facade keeps
``services.claims.<method>`` and the names other modules import from here unchanged.
"""

from __future__ import annotations

from claimtrack.services.claim_edits import (
    ClaimEdits,
    ClaimSnapshot,
    insert_claim,
    record_new_claim,
    stamp_new_claim,
    write_chains,
)
from claimtrack.services.claim_queries import SORT_KEYS, ClaimQueries


class ClaimService(ClaimEdits, ClaimQueries):
    """Everything one editor can do with claims: ``services.claims``."""


__all__ = [
    "SORT_KEYS",
    "ClaimService",
    "ClaimSnapshot",
    "insert_claim",
    "record_new_claim",
    "stamp_new_claim",
    "write_chains",
]
