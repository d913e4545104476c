"""A technician's out-of-service hold stays after leaving and across a restart, until a
technician puts the kiosk back; it never lifts anyone else's hold."""

from __future__ import annotations

from pathlib import Path

from kiosk.health.service import OPERATOR, SITE, ServiceState
from kiosk.technician.site_hold import HOLD_FILE, PRESET_REASONS, SiteHold, typed_reason


def _nothing(_action: str, _outcome: str) -> None:
    """The audit log is not what these tests are about."""


def test_the_hold_and_its_reason_survive_a_restart(tmp_path: Path) -> None:
    SiteHold(ServiceState(), tmp_path, _nothing).take_out(PRESET_REASONS[1])
    restarted = ServiceState()
    assert SiteHold(restarted, tmp_path, _nothing).restore()
    hold = restarted.holding(SITE)
    assert hold is not None
    assert (hold.reason_en, hold.reason_ar) == (PRESET_REASONS[1].en, PRESET_REASONS[1].ar)


def test_putting_back_lifts_only_the_technicians_hold(tmp_path: Path) -> None:
    service = ServiceState()
    service.hold(OPERATOR, "Closed", "مغلق")
    site = SiteHold(service, tmp_path, _nothing)
    site.take_out(PRESET_REASONS[0])
    assert site.put_back()
    assert [h.source for h in service.holds] == [OPERATOR]
    assert not (tmp_path / HOLD_FILE).exists()
    assert not SiteHold(ServiceState(), tmp_path, _nothing).restore()


def test_an_unreadable_hold_file_keeps_the_kiosk_out(tmp_path: Path) -> None:
    (tmp_path / HOLD_FILE).write_text("[]")
    service = ServiceState()
    assert SiteHold(service, tmp_path, _nothing).restore()
    assert not service.in_service


def test_a_typed_reason_is_one_tidy_line_of_reasonable_length() -> None:
    typed = typed_reason("  Screen  cleaning\n until noon ")
    assert typed is not None
    assert typed.en == typed.ar == "Screen cleaning until noon"
    assert typed_reason("   ") is None
    assert typed_reason("x" * 121) is None
