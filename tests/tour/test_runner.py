"""The tour writes a PNG of each screen state, in both languages and orientations."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.tour import RESOLUTIONS, all_steps, run_tour, shell


# The whole tour (hundreds of screens) runs inside this one test; under coverage on a
# busy 2-core machine that takes longer than the suite's per-test bound.
@pytest.mark.timeout(900)
def test_tour_writes_every_state(tmp_path: Path, qtbot: QtBot) -> None:
    written = run_tour(tmp_path, steps=shell.steps()[:3], orientations=("landscape", "portrait"))
    screens = [path for path in written if path.parent == tmp_path]
    receipts = sorted(path.name for path in written if path.parent.name == "receipts")
    assert len(screens) == 3 * 2 * 2
    # A receipt of each kind in each language, as the printer would print it.
    for kind in ("application", "payment", "inquiry", "provisional"):
        assert f"receipt-{kind}-ar.png" in receipts
        assert f"receipt-{kind}-en.png" in receipts
    portrait = QImage(str(tmp_path / "portrait-ar-01-home.png"))
    assert (portrait.width(), portrait.height()) == RESOLUTIONS["portrait"]
    # Arabic and English renders of the same screen differ (text and mirroring).
    ar = QImage(str(tmp_path / "landscape-ar-01-home.png"))
    en = QImage(str(tmp_path / "landscape-en-01-home.png"))
    assert ar != en


def test_without_services_the_tour_shows_each_service_as_coming() -> None:
    names = [step.name for step in all_steps(with_journeys=False)]
    assert names[:5] == ["home", "issue-coming", "track-coming", "pay-coming",
                         "licences-coming"]


def test_with_services_every_journey_is_toured_once_in_journey_order() -> None:
    names = [step.name for step in all_steps(with_journeys=True)]
    assert len(names) == len(set(names))  # a name is a file name: never written twice
    assert not any(name.endswith("-coming") for name in names)
    firsts = [names.index(first) for first in
              ("home", "identify-id", "track-number", "issue-types", "pay-invoices")]
    assert firsts == sorted(firsts)
