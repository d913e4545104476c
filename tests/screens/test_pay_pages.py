"""The pay journey's pages: what they leave behind when their content changes."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.screens.pay_pages import InvoicesPage


def test_replaced_invoice_buttons_hold_no_text_before_qt_deletes_them(qtbot: QtBot) -> None:
    page = InvoicesPage()
    qtbot.addWidget(page)
    [old] = page.set_invoices([("INV-1447-000202", "Shop licence fee, 300.00 SAR")])

    page.set_invoices([])  # the session ended: the list is emptied

    # deleteLater() frees the button on the next event-loop pass; until then it must not
    # keep the previous beneficiary's invoice.
    assert old.text() == ""
    assert page.invoice_buttons == {}
