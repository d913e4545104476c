"""Qt's own messages land in the kiosk's log; plugin noise stays out of sight (DEBUG)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from kiosk.shell.qt_log import route_qt_messages


@pytest.fixture
def routed() -> Iterator[None]:
    previous = route_qt_messages()
    yield
    qInstallMessageHandler(previous)


@pytest.mark.usefixtures("routed")
def test_plugin_noise_is_logged_at_debug_and_real_warnings_as_warnings(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="qt"):
        qWarning("This plugin does not support propagateSizeHints()")
        qWarning("QPainter::begin: Paint device returned engine == 0")
    levels = {record.getMessage(): record.levelno for record in caplog.records
              if record.name.startswith("qt")}
    assert levels == {
        "This plugin does not support propagateSizeHints()": logging.DEBUG,
        "QPainter::begin: Paint device returned engine == 0": logging.WARNING,
    }
