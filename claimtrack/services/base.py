"""What every service shares: transactions, error mapping, history and generic edits."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel

from claimtrack.domain import ChangeSet, ConflictError, NotFoundError, ValidationError
from claimtrack.store.engine import describe_store_error
from claimtrack.store.models import History, utcnow

if TYPE_CHECKING:
    from claimtrack.services import Services


def history_text(value: Any) -> str | None:
    """How a value is written into History: stable text, readable in an export."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def changes(
    *,
    created: Mapping[str, Any] | None = None,
    updated: Mapping[str, Any] | None = None,
    deleted: Mapping[str, Any] | None = None,
) -> ChangeSet:
    """Build a ChangeSet from ``{"claim": [1, 2]}``-style mappings."""

    def freeze(part: Mapping[str, Any] | None) -> dict[str, frozenset[int]]:
        return {k: frozenset(v) for k, v in (part or {}).items() if v}

    return ChangeSet(freeze(created), freeze(updated), freeze(deleted))


class ServiceBase:
    """Holds the shared context; subclasses add one entity's use cases."""

    def __init__(self, ctx: Services) -> None:
        self._ctx = ctx

    @property
    def editor(self) -> str:
        return self._ctx.editor

    @contextmanager
    def _read(self) -> Iterator[Session]:
        session = self._ctx.store.session()
        try:
            yield session
        except (OperationalError, InterfaceError) as exc:
            raise describe_store_error(exc, self._ctx.store) from exc
        finally:
            session.close()

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One unit of work: everything inside commits together, History included."""
        session = self._ctx.store.session(write=True)
        try:
            if self._ctx.store.dialect == "postgresql":
                # Read by the NOTIFY triggers (revision 0003): others see who changed what.
                session.execute(
                    text("SELECT set_config('claimtrack.editor', :editor, true)"),
                    {"editor": self.editor},
                )
            yield session
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConflictError(
                "Someone else saved this item meanwhile; reload it and try again.",
                entity="?",
                entity_id=0,
            ) from exc
        except IntegrityError as exc:
            session.rollback()
            raise ValidationError(_integrity_message(exc)) from exc
        except (OperationalError, InterfaceError) as exc:
            session.rollback()
            raise describe_store_error(exc, self._ctx.store, writing=True) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _log(
        self,
        session: Session,
        entity: str,
        entity_id: int,
        field: str,
        old: Any = None,
        new: Any = None,
    ) -> None:
        session.add(
            History(
                at=utcnow(),
                by=self.editor,
                entity=entity,
                entity_id=entity_id,
                field=field,
                old=history_text(old),
                new=history_text(new),
            )
        )

    def _log_many(
        self, session: Session, entries: Iterable[tuple[str, int, str, Any, Any]]
    ) -> None:
        """Log ``(entity, id, field, old, new)`` entries in one multi-row INSERT.

        For the intake's thousands of rows: no ORM object per entry (building them was
        a third of a large import's time); the rows are the ones :meth:`_log` writes.
        """
        at, by = utcnow(), self.editor
        rows = [
            {
                "at": at,
                "by": by,
                "entity": entity,
                "entity_id": entity_id,
                "field": field,
                "old": history_text(old),
                "new": history_text(new),
            }
            for entity, entity_id, field, old, new in entries
        ]
        if rows:
            session.execute(insert(History.__table__), rows)  # type: ignore[attr-defined]

    def _get(self, session: Session, model: type[SQLModel], row_id: int) -> Any:
        row = session.get(model, row_id)
        if row is None:
            raise NotFoundError(f"{_label(model)} {row_id} does not exist (any more).")
        return row

    def _check_version(self, row: Any, expected: int | None) -> None:
        if expected is not None and row.version != expected:
            raise ConflictError(
                f"{_label(type(row)).capitalize()} {row.id} was changed by someone else "
                f"(version {row.version}, you had {expected}).",
                entity=type(row).__tablename__,
                entity_id=row.id,
            )

    def _assign(
        self,
        session: Session,
        row: Any,
        fields: Mapping[str, Any],
        allowed: frozenset[str],
        *,
        log_as: tuple[str, int] | None = None,
        prefix: str = "",
    ) -> bool:
        """Set ``fields`` on ``row``, writing one History row per real change.

        ``log_as`` files the History under another entity (evidence under its claim), so
        a claim's History tab tells its whole story.
        """
        entity, entity_id = log_as or (type(row).__tablename__, row.id)
        changed = False
        for name, value in fields.items():
            if name not in allowed:
                raise ValidationError(f"{name!r} cannot be edited on {_label(type(row))}.")
            if isinstance(value, Enum):
                value = value.value
            old = getattr(row, name)
            if old == value:
                continue
            setattr(row, name, value)
            self._log(session, entity, entity_id, prefix + name, old, value)
            changed = True
        return changed


def _label(model: type) -> str:
    return str(getattr(model, "__tablename__", model.__name__)).replace("_", " ")


def _integrity_message(exc: IntegrityError) -> str:
    raw = str(exc.orig)
    # PostgreSQL names the broken rule by SQLSTATE; its text differs from SQLite's.
    state = str(getattr(exc.orig, "sqlstate", None) or "")
    detail = raw.splitlines()[0] if raw else ""
    if state == "23503":
        raw = "FOREIGN KEY"
    elif state == "23505":
        raw = "UNIQUE"
    elif state == "23514":
        name = detail.split("constraint")[-1].strip(' "')
        raw = f"CHECK: {name}"
    elif state == "23502":
        raw = f"NOT NULL: {detail}"
    if "FOREIGN KEY" in raw:
        return "This item is still in use elsewhere, or refers to something that does not exist."
    if "UNIQUE" in raw:
        return "An item with that name already exists."
    if "CHECK" in raw:
        return f"A value is not allowed here ({raw.split(':')[-1].strip()})."
    if "NOT NULL" in raw:
        return f"A required value is missing ({raw.split(':')[-1].strip()})."
    return raw


def known_ids(ids: Iterable[int | None]) -> list[int]:
    """Primary keys read back from the database, as ``list(ids)``: never NULL there, though
    the models type ``id`` as ``int | None`` for rows not yet inserted."""
    known: list[int] = []
    for row_id in ids:
        assert row_id is not None
        known.append(row_id)
    return known


_R = TypeVar("_R")


def to_record(cls: type[_R], row: Any, **extra: Any) -> _R:
    """Copy a row into a frozen record so no live ORM object leaves the service."""
    import dataclasses

    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    data = {name: getattr(row, name) for name in names if name not in extra}
    data.update(extra)
    return cls(**data)
