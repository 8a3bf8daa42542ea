"""ClaimTrack: track the attributed claims in news stories.

Kept import-free so that ``claimtrack --version`` and the window's first paint stay fast.
"""

__version__ = "0.1.0"
APP_ID = "id.claimtrack.ClaimTrack"
APP_NAME = "ClaimTrack"
ORG_NAME = "ClaimTrack"
