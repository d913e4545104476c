"""Shared sentences that several screens and the shell show (one translation each)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def offline_banner_text() -> str:
    return translate(
        "Messages",
        "The service is working offline. Your request is saved and will be sent "
        "automatically.",
    )
