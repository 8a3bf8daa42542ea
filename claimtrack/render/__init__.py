"""Drawing shared by the app and the printed reports, with QtGui only (no QtWidgets).

Like ``claimtrack.pdf``, this sits beside the Qt-free layers: ``claimtrack.export`` loads
it lazily, only when a format needs a picture, and needs a QGuiApplication to exist.
"""
