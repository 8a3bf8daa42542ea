"""The detail pane's Evidence tab: links, files and excerpts for or against the claim."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from claimtrack.ui.widgets.rows import PaneState, RowTable, evidence_types, label_of, stances


class EvidenceTable(RowTable):
    kind = "evidence"
    removed_fields = ("url", "file_path", "type", "stance", "excerpt", "accessed")

    def __init__(self, state: PaneState, parent: QWidget | None = None) -> None:
        types, stance_names = evidence_types(), stances()
        super().__init__(
            [
                (self.tr("Source"), lambda e: e.url or e.file_path or ""),
                (self.tr("Type"), lambda e: label_of(types, e.type.value)),
                (self.tr("Stance"), lambda e: label_of(stance_names, e.stance.value)),
                (self.tr("Accessed"), lambda e: e.accessed.isoformat() if e.accessed else ""),
                (self.tr("Excerpt"), lambda e: e.excerpt),
            ],
            state,
            parent,
        )

    def labels(self) -> tuple[str, str, str]:
        return self.tr("Add evidence"), self.tr("Edit evidence"), self.tr("Remove evidence")
