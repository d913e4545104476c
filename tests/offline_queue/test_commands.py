"""`kiosk queue ...` as a technician uses it, on a real outbox file."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.offline_queue.entry import EntryState
from kiosk.offline_queue.store import Outbox, default_path

SECRET_ID = "1000000008"


@pytest.fixture(autouse=True)
def _keep_logging() -> Iterator[None]:
    """`kiosk.cli.main` installs its JSON handler on the captured stderr; put the root
    logger back so later tests' threads do not write to a closed stream."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.setenv("KIOSK_STORAGE__DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def filled(data_dir: Path) -> dict[str, int]:
    """One delivered, one dead, one waiting entry."""
    with Outbox.open(default_path(data_dir), reference_prefix="AHS-01") as box:
        ids = {name: box.enqueue("submit_application",
                                 {"national_id": SECRET_ID, "activity": name}).id
               for name in ("delivered", "dead", "waiting")}
        box.claim_next(0, horizon_s=60)
        box.mark_delivered(ids["delivered"], {"transaction_number": "TX-501"}, "TX-501")
        box.claim_next(0, horizon_s=60)
        box.mark_dead(ids["dead"], "rejected (invalid_activity): activity is not licensable")
    return ids


def test_list_shows_states_and_reasons_but_no_personal_data(
        filled: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queue", "list"]) == 0
    out = capsys.readouterr().out
    assert "pending: 1" in out
    assert "dead: 1" in out
    assert "TX-501" in out
    assert "invalid_activity" in out
    assert "AHS-01-000003" in out
    assert SECRET_ID not in out


def test_list_can_filter_by_state(filled: dict[str, int],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queue", "list", "--state", "dead"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if "AHS-01-" in line]
    assert len(rows) == 1
    assert "dead" in rows[0]


def test_show_hides_values_unless_asked(filled: dict[str, int],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queue", "show", str(filled["waiting"])]) == 0
    out = capsys.readouterr().out
    assert "national_id" in out
    assert SECRET_ID not in out
    assert main(["queue", "show", str(filled["waiting"]), "--payload"]) == 0
    assert SECRET_ID in capsys.readouterr().out


def test_retry_sends_a_dead_entry_again_and_refuses_a_delivered_one(
        filled: dict[str, int], data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queue", "retry", str(filled["dead"])]) == 0
    assert "will be sent again" in capsys.readouterr().out
    assert main(["queue", "retry", str(filled["delivered"])]) == 1
    assert "only dead or pending" in capsys.readouterr().err
    assert main(["queue", "retry", "999"]) == 1
    assert "no outbox entry 999" in capsys.readouterr().err
    with Outbox.open(default_path(data_dir)) as box:
        assert box.get(filled["dead"]).state is EntryState.PENDING


def test_retry_all_dead(filled: dict[str, int], data_dir: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queue", "retry", "--all-dead"]) == 0
    assert main(["queue", "retry", "--all-dead"]) == 0
    assert "no dead entries" in capsys.readouterr().out
    with Outbox.open(default_path(data_dir)) as box:
        assert box.counts()[EntryState.DEAD] == 0


def test_purge_delivered_keeps_the_server_reference(
        filled: dict[str, int], data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Delivery already erased the payload: the command is a sweep that truncates the WAL
    # (and still accepts the old option, so existing scripts keep working).
    assert main(["queue", "purge-delivered", "--older-than-hours", "1"]) == 0
    out = capsys.readouterr().out
    assert "erased from 0 delivered entries" in out
    assert "write-ahead log truncated" in out
    wal = default_path(data_dir).with_name("outbox.sqlite3-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert main(["queue", "show", str(filled["delivered"])]) == 0
    out = capsys.readouterr().out
    assert "purged" in out
    assert "TX-501" in out


def test_a_kiosk_that_never_queued_anything(data_dir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queue", "list"]) == 0
    assert "nothing has been queued" in capsys.readouterr().out
    assert main(["queue", "show", "1"]) == 1
    assert "no outbox at" in capsys.readouterr().err
    assert not default_path(data_dir).exists()  # looking never creates a file


def test_a_damaged_outbox_is_reported_not_a_traceback(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    default_path(data_dir).write_bytes(b"this is not a database at all" * 200)
    assert main(["queue", "list"]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err
    assert "kept as" in err
    assert "Traceback" not in err


def test_bad_arguments_are_usage_errors(data_dir: Path) -> None:
    for argv in (["queue", "show", "abc"], ["queue", "show", "0"], ["queue", "retry"],
                 ["queue", "list", "--state", "lost"]):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2


def test_the_installed_entry_point_runs_the_command(filled: dict[str, int],
                                                    data_dir: Path) -> None:
    env = {**os.environ, "KIOSK_STORAGE__DATA_DIR": str(data_dir)}
    env.pop("KIOSK_CONFIG", None)
    done = subprocess.run([sys.executable, "-m", "kiosk", "queue", "list"], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "AHS-01-000001" in done.stdout
