"""The outbox panel over a real SQLite outbox: what waits, what was refused, send a
refused request again; nothing personal on screen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Language
from kiosk.domain.requests import RequestKind
from kiosk.offline_queue import EntryState, Outbox
from kiosk.screens.technician.outbox import OutboxPanel
from kiosk.shell.background import KioskWork
from kiosk.shell.language import LanguageManager
from kiosk.technician.outbox_tool import OutboxTool
from kiosk.tour.fit import unisolated
from tests.fixtures.kiosk import seen
from tests.screens.technician.conftest import AuditLog, Host, shoot

pytestmark = pytest.mark.timeout(60)
SECRET_ID = "1000000008"


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    """One delivered, one refused (dead) and one waiting entry."""
    with Outbox.open(tmp_path / "outbox.sqlite3", reference_prefix="AHS-01") as box:
        for name in ("delivered", "dead", "waiting"):
            box.enqueue(RequestKind.SUBMIT_APPLICATION,
                        {"national_id": SECRET_ID, "activity": name})
        box.enqueue(RequestKind.RECORD_PAYMENT, {"invoice_number": "INV-1447-000202"})
        first = box.claim_next(0, horizon_s=60)
        assert first is not None
        box.mark_delivered(first.id, {"transaction_number": "TX-501"}, "TX-501")
        second = box.claim_next(0, horizon_s=60)
        assert second is not None
        box.mark_dead(second.id, "rejected (invalid_activity): activity 1000000008 is not "
                                 "licensable")
        third = box.claim_next(0, horizon_s=60)
        assert third is not None
        box.release(third.id, error="OfflineError: the municipality is not reachable",
                    retry_at=0)
        yield box


@pytest.fixture
def panel(outbox: Outbox, runner: KioskWork, audit: AuditLog) -> OutboxPanel:
    # An hour from now: the entries were queued "an hour ago" whatever the machine's speed.
    later = datetime.now(UTC) + timedelta(hours=1)
    return OutboxPanel(OutboxTool(outbox, runner, audit, clock=lambda: later))


def texts(window: QWidget) -> str:
    return "\n".join(seen(each.text()) for each in window.findChildren(QLabel))


def test_waiting_and_refused_entries_without_personal_data(
        qtbot: QtBot, host: Host, panel: OutboxPanel) -> None:
    window = host(panel)
    qtbot.waitUntil(lambda: panel.tool.view is not None, timeout=5000)
    shown = texts(window)
    assert "Waiting: 2   Refused: 1   Delivered: 1" in shown
    assert "Licence application" in shown
    assert "Card payment" in shown
    assert "queued 1 hour ago" in shown
    assert "last error: rejected (invalid_activity)" in shown
    assert "last error: OfflineError" in shown
    for private in (SECRET_ID, "AHS-01-", "INV-1447", "licensable", "not reachable"):
        assert private not in shown
    assert list(panel.retry_buttons) == [2]


def test_a_refused_request_is_sent_again(qtbot: QtBot, host: Host, panel: OutboxPanel,
                                         outbox: Outbox, audit: AuditLog) -> None:
    host(panel)
    qtbot.waitUntil(lambda: 2 in panel.retry_buttons, timeout=5000)
    qtbot.mouseClick(panel.retry_buttons[2], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.retry_buttons and not panel.tool.busy, timeout=5000)
    assert outbox.get(2).state is EntryState.PENDING
    assert "Sent again" in texts(panel)
    assert "Nothing refused." in texts(panel)
    assert audit.records == [("outbox.retry", "entry 2 pending")]


def test_delivered_requests_are_swept(qtbot: QtBot, host: Host, panel: OutboxPanel,
                                      audit: AuditLog) -> None:
    host(panel)
    qtbot.waitUntil(panel.purge_button.isEnabled, timeout=5000)
    qtbot.mouseClick(panel.purge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.purge_result.isVisible, timeout=5000)
    # Delivery erased the payload already: the sweep finds nothing left to erase.
    assert "Done: 0 delivered requests" in seen(panel.purge_result.text())
    assert audit.records == [("outbox.purge_delivered", "0 erased")]


def test_panel_in_both_languages(qtbot: QtBot, host: Host, panel: OutboxPanel,
                                 language: LanguageManager, tmp_path: Path) -> None:
    out = Path(os.environ.get("KIOSK_TECHNICIAN_SHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    window = host(panel)
    qtbot.waitUntil(lambda: panel.tool.view is not None, timeout=5000)
    language.set_language(Language.ARABIC)
    QApplication.processEvents()
    assert unisolated(window) == []
    shoot(window, language, out, "technician-outbox")
