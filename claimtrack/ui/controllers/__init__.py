"""Controllers carved out of the main window (issue 17).

Each is a plain QObject that owns one concern and reports through signals; the window
wires them to its widgets and to each other. None of them imports the window, so the
window can be thin without the controllers growing a circle back into it.
"""
