"""The schema revision this version of ClaimTrack writes (the newest Alembic migration).

Its own module, free of SQLAlchemy, so the window can check a file's revision before
the data layer has loaded (see ``store.rawread.peek``).
"""

HEAD_REVISION = "0006"
