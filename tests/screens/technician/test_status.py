"""The Status panel over real reporters (a real SQLite outbox, the connectivity view): each
part named in the kiosk's language, and its own report readable, with no "None" and no
microseconds."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.config import Language
from kiosk.health.model import ComponentHealth, Status
from kiosk.offline_queue import Connectivity, Outbox
from kiosk.screens.technician.status import StatusPanel, detail_value
from kiosk.shell.background import KioskWork
from kiosk.shell.language import LanguageManager
from kiosk.technician.status import StatusReport, status_report
from tests.fixtures.kiosk import seen
from tests.screens.technician.conftest import Host, shoot

pytestmark = pytest.mark.timeout(60)


class Api:
    """A reporter with a time in its details, as the API client's health has."""

    def health(self) -> ComponentHealth:
        return ComponentHealth("api", Status.OK, "reachable",
                               {"last_ok": "2026-12-04T16:17:20.902702+00:00",
                                "last_error": None, "latency_ms": 12.0})


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    with Outbox.open(tmp_path / "outbox.sqlite3", reference_prefix="AHS-01") as box:
        yield box


def test_each_part_reads_plainly_in_both_languages(
    qtbot: QtBot, host: Host, language: LanguageManager, runner: KioskWork, outbox: Outbox,
    tmp_path: Path,
) -> None:
    offline = Connectivity(failures_to_offline=1)
    offline.report_unreachable("connection refused")
    started = time.monotonic()

    def read() -> StatusReport:
        return status_report("AHS-DEMO-01", [Api(), outbox, offline], tmp_path, started)

    panel = StatusPanel(read, runner)
    window = host(panel)
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10000)
    language.set_language(Language.ARABIC)

    def page() -> str:
        return "\n".join(seen(each.text()) for each in window.findChildren(QLabel)
                         if each.isVisibleTo(window))

    qtbot.waitUntil(lambda: "يعمل" in page(), timeout=5000)
    page_text = page()
    assert "الاتصال بالأمانة (TLS): يعمل" in page_text
    assert "last_ok: 2026-12-04 16:17:20 UTC · last_error: — · latency_ms: 12" in page_text
    assert "oldest_pending_age_s: —" in page_text
    assert "online: no · last_error: connection refused" in page_text
    assert "None" not in page_text
    assert "بالإنجليزية" in page_text  # says that the parts' own reports are in English

    out = Path(os.environ.get("KIOSK_TECHNICIAN_SHOTS", tmp_path))
    shoot(window, language, out, "technician-status")


def test_details_read_as_a_technician_expects() -> None:
    assert detail_value(None) == "—"
    assert detail_value(True) == "yes"
    assert detail_value(0.5) == "0.5"
    assert detail_value(3.0) == "3"
    assert detail_value(7) == "7"
    assert detail_value("2026-12-04T19:17:20.5+03:00") == "2026-12-04 16:17:20 UTC"
    assert detail_value("/var/lib/kiosk/outbox.sqlite3") == "/var/lib/kiosk/outbox.sqlite3"
