"""Column types whose SQLite reads go through ``store.moments`` (why: see there)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Date, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel.sql.sqltypes import UTCDateTime

from claimtrack.store.moments import read_date, read_moment

_TOLERANT: dict[type, type] = {}


def _tolerant(impl: TypeEngine[Any], reader: Callable[[str], Any]) -> TypeEngine[Any]:
    """``impl`` (the SQLite dialect's own date type, so the schema and the text written stay
    exactly SQLAlchemy's) with a reader that never raises on a damaged value."""
    base = type(impl)
    tolerant = _TOLERANT.get(base)
    if tolerant is None:

        def result_processor(self: Any, dialect: Dialect, coltype: object) -> Any:
            def process(value: Any) -> Any:
                return reader(value) if isinstance(value, str) else value

            return process

        tolerant = type(f"Tolerant{base.__name__}", (base,), {"result_processor": result_processor})
        _TOLERANT[base] = tolerant
    return impl.adapt(tolerant)


class Moment(UTCDateTime):
    """SQLModel's UTCDateTime (aware UTC in, aware UTC out) whose SQLite text never stops a read."""

    cache_ok = True

    def __repr__(self) -> str:
        return "Moment()"

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _tolerant(DateTime(timezone=True).dialect_impl(dialect), read_moment)
        return super().load_dialect_impl(dialect)


class Day(TypeDecorator[date]):
    """A Date column whose SQLite text never stops a read."""

    impl = Date
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _tolerant(Date().dialect_impl(dialect), read_date)
        return super().load_dialect_impl(dialect)
