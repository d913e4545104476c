"""Log lines are JSON and never carry an ID number, a mobile or a card number."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kiosk.logs import JsonFormatter, setup_logging


def test_personal_digits_are_masked_in_message_and_fields() -> None:
    record = logging.LogRecord("kiosk.test", logging.INFO, __file__, 1,
                               "otp sent to %s for %s", ("0551234567", "1012345672"), None)
    record.detail = "card 4111111111111111"
    record.transaction = "TX-14470001"
    line = json.loads(JsonFormatter().format(record))
    assert "0551234567" not in json.dumps(line)
    assert "1012345672" not in json.dumps(line)
    assert "4111111111111111" not in json.dumps(line)
    assert line["transaction"] == "TX-14470001"
    assert line["level"] == "info"


def test_setup_logging_to_a_file_keeps_stderr_quiet(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    log_file = tmp_path / "demo" / "demo.log"
    try:
        setup_logging("INFO", file=log_file)
        logging.getLogger("kiosk.test").info("outbox opened", extra={"outbox": "x.sqlite3"})
        logging.getLogger("kiosk.test").debug("below the level")
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:] = saved
        root.setLevel(level)
    assert capsys.readouterr().err == ""
    [line] = log_file.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["message"] == "outbox opened"
