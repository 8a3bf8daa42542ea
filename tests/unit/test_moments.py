"""Reading SQLite's date text: a value that is no real moment never stops a read."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from claimtrack.store.moments import EPOCH, is_real_moment, read_date, read_moment


@given(st.datetimes(min_value=datetime(1000, 1, 1)))
def test_a_real_moment_reads_as_written(moment: datetime) -> None:
    for text in (str(moment), moment.isoformat(), f"{moment:%Y-%m-%d %H:%M:%S.%f}"):
        assert read_moment(text) == moment
        assert is_real_moment(text)


@given(st.text())
def test_no_text_breaks_the_reader(text: str) -> None:
    assert isinstance(read_moment(text), datetime)
    assert isinstance(read_date(text), date)


def test_a_moment_out_of_range_reads_as_the_nearest_real_one() -> None:
    assert read_moment("2025-02-30 10:00:00.000000") == datetime(2025, 2, 28, 10)
    assert read_moment("2024-02-31 10:00:00") == datetime(2024, 2, 29, 10)
    assert read_moment("2025-13-45 25:61:99.5") == datetime(2025, 12, 31, 23, 59, 59, 500000)
    assert read_moment("2025-04-31") == datetime(2025, 4, 30)
    assert read_date("2025-09-31") == date(2025, 9, 30)
    assert not is_real_moment("2025-02-30 10:00:00")


def test_text_without_a_date_reads_as_the_epoch() -> None:
    assert read_moment("yesterday, around noon") == EPOCH
    assert read_date("") == EPOCH.date()
