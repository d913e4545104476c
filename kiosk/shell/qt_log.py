"""Qt's own messages go into the kiosk's log, not loose onto stderr.

Qt prints warnings from its plugins and style engine straight to stderr, outside the
JSON log: on a desktop the platform plugins repeat lines such as "This plugin does not
support propagateSizeHints()" that mean nothing to a person and nothing is wrong. The
handler sends every Qt message to the `qt` logger (`qt.<category>` when Qt names one) at
the matching level; the few known to be harmless are kept at DEBUG. A fatal message
(Qt aborts after it) is also printed on stderr.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
# What platform plugins say about features a desktop window manager lacks; harmless.
HARMLESS = re.compile(
    r"This plugin does not support"          # propagateSizeHints(), raise(), grabbing...
    r"|does not support QWindow::requestActivate\(\)"
    r"|XDG_RUNTIME_DIR"
)


def _to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category if context is not None else None
    name = f"qt.{category}" if category and category != "default" else "qt"
    level = logging.DEBUG if HARMLESS.search(message) else _LEVELS.get(kind, logging.WARNING)
    logging.getLogger(name).log(level, message)
    if kind is QtMsgType.QtFatalMsg:
        # Qt aborts next: say why where the person who started us looks, too.
        print(f"Qt: {message}", file=sys.stderr, flush=True)


def route_qt_messages() -> Callable[..., None] | None:
    """Installs the handler for the whole process (Qt keeps one); safe to call again.
    Returns the handler it replaces (a test puts it back)."""
    previous: Callable[..., None] | None = qInstallMessageHandler(_to_log)
    return previous
