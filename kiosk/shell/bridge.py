"""Carries notifications from worker threads (outbox, connectivity) onto the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ThreadBridge(QObject):
    """Emit from any thread; slots connected on the UI thread run there (queued)."""

    online_changed = Signal(bool)
    delivered = Signal(object, object)   # (OutboxEntry, server answer)
    dead = Signal(object, str)           # (OutboxEntry, reason)
