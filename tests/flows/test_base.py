"""How any failure in a journey becomes what the beneficiary reads (`notice_for`)."""

from __future__ import annotations

import logging

import pytest

from kiosk.api.errors import ServerError
from kiosk.devices.printer.errors import PaperOut
from kiosk.devices.terminal.errors import TerminalUnavailable
from kiosk.flows.base import BUG, notice_for
from kiosk.offline_queue.errors import OutboxFullError


def test_a_known_device_error_is_told_in_its_own_words_not_as_a_bug(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR)

    paper = notice_for(PaperOut("status byte 0x0C"))
    terminal = notice_for(TerminalUnavailable("/dev/ttyUSB0 gone"))
    outbox = notice_for(OutboxFullError("SQLITE_FULL"))

    assert paper.text("ar") == "نفد الورق من الطابعة."
    assert paper.text("en") == "The printer has run out of paper."
    assert not paper.retry
    assert terminal.retry
    assert "not been charged" in terminal.text("en")
    assert outbox != BUG
    assert caplog.records == []  # expected failures are not bug reports


def test_the_servers_own_words_are_relayed() -> None:
    notice = notice_for(ServerError("Try again in a minute.", "حاول بعد دقيقة.", retryable=True))
    assert (notice.text("en"), notice.text("ar"), notice.retry) == (
        "Try again in a minute.", "حاول بعد دقيقة.", True)


def test_anything_else_is_a_bug_logged_for_engineers_and_never_shown(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR)

    notice = notice_for(KeyError("national_id"))

    assert notice == BUG
    [record] = caplog.records
    assert record.exc_info is not None
