"""The disk-space reporter over the real file system of a temporary folder: the
thresholds are set around the free space actually there, so each status is real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.health.disk import DiskSpace
from kiosk.health.model import Status


def test_plenty_of_room_is_ok_with_the_figures_in_the_details(tmp_path: Path) -> None:
    health = DiskSpace(tmp_path, warning_bytes=1, error_bytes=0).health()
    assert health.component == "disk"
    assert health.status is Status.OK
    assert " free of " in health.summary
    assert 0 < int(health.details["free_bytes"]) <= int(health.details["total_bytes"])  # type: ignore[arg-type]
    assert health.details["path"] == str(tmp_path)


def test_less_than_the_warning_threshold_needs_attention(tmp_path: Path) -> None:
    free = shutil.disk_usage(tmp_path).free
    health = DiskSpace(tmp_path, warning_bytes=free * 2, error_bytes=1).health()
    assert health.status is Status.WARNING
    assert "running low" in health.summary
    assert health.details["warning_below_bytes"] == free * 2


def test_less_than_the_error_threshold_is_an_error(tmp_path: Path) -> None:
    free = shutil.disk_usage(tmp_path).free
    health = DiskSpace(tmp_path, warning_bytes=free * 4, error_bytes=free * 2).health()
    assert health.status is Status.ERROR
    assert "almost full" in health.summary


def test_a_missing_data_folder_is_an_error_not_an_exception(tmp_path: Path) -> None:
    health = DiskSpace(tmp_path / "gone").health()
    assert health.status is Status.ERROR
    assert "cannot be measured" in health.summary


def test_thresholds_the_wrong_way_round_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="threshold"):
        DiskSpace(tmp_path, warning_bytes=1, error_bytes=2)
