"""Log lines are JSON and never carry an ID number, a mobile or a card number."""

from __future__ import annotations

import json
import logging

from kiosk.logs import JsonFormatter


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
