"""SMS texts keep references in order inside Arabic (left-to-right isolates)."""

from __future__ import annotations

from kiosk.domain.text import LRI, PDI, isolate_ltr, unisolated_runs
from sandbox import sms


def test_references_in_sms_are_isolated_left_to_right() -> None:
    texts = [
        sms.received_text("1447-000105", "رخصة مهنية"),
        sms.step_text("1447-000105", "إدارة الرخص التجارية"),
        sms.awaiting_payment_text("1447-000105", "INV-1447-000704", 30_000),
        sms.issued_text("1447-000105", "L-1447-001001"),
        sms.rejected_text("1447-000105", "السجل التجاري منتهي"),
        sms.licence_status_text("L-1446-000202", "suspended", ""),
        sms.payment_text("INV-1447-000704", 30_000, "RC-1447-001001"),
        sms.otp_text("123456", 5),
    ]
    for reference in ("1447-000105", "INV-1447-000704", "L-1447-001001", "L-1446-000202",
                      "RC-1447-001001", "123456"):
        for text in texts:
            bare = text.replace(isolate_ltr(reference), "")
            assert reference not in bare, (reference, text)
    assert all(text.count(LRI) == text.count(PDI) >= 1 for text in texts)
    # Nothing else escapes either: amounts, counts, and numbers inside a reason.
    assert [unisolated_runs(text) for text in texts] == [[] for _ in texts]
    reason = sms.rejected_text("1447-000105", "عقد الإيجار رقم 10000000011 منتهي")
    assert unisolated_runs(reason) == []
