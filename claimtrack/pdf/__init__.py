"""PDF reports through Qt's QTextDocument and QPdfWriter (QtGui only, no QtWidgets).

Kept out of ``claimtrack.export`` so that the export layer stays free of Qt; needs a
QGuiApplication (the command line makes an offscreen one, see ``ensure_gui_app``).
"""

from claimtrack.pdf.writer import PAPER_SIZES, ensure_gui_app, write_pdf

__all__ = ["PAPER_SIZES", "ensure_gui_app", "write_pdf"]
