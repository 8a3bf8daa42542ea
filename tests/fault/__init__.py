"""The fault-test suite: RELIABILITY.md's list of failures, each forced for real.

1  kill during a large write ........ test_kill_during_write.py (≥ 100 SIGKILLs)
2  kill during an export/backup ..... test_kill_during_export.py
3  full disk (ENOSPC sweep, RLIMIT) . test_full_disk.py
4  flipped bytes in a database ...... test_byte_flips.py (≥ 20 places)
5  a database locked elsewhere ...... test_locked.py (plus tests/unit/test_store.py)
6  two editors save one claim ....... tests/unit/test_services.py (ConflictError tests)
7  migrations, one failing half-way . test_migrations.py
8  a database from a newer version .. test_migrations.py
9  exporters under hypothesis ....... tests/unit/test_export_fuzz.py, test_extract.py
10 hostile article files ............ test_hostile_files.py (≥ 30 files written here)
11 impossible dates in a database ... test_bad_dates.py (and tests/gui/test_bad_dates.py)

The figures (kills, faults injected, hostile inputs, data lost) are printed at the end of
a run that includes this folder: ``pytest tests/fault -p no:randomly``.
"""
