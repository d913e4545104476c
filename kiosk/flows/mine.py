"""My licences and my transactions, after the beneficiary has identified.

A beneficiary may own several establishments, so the licences come first, the ones that
need attention on top: cancelled or suspended (with the body that did it, the Labour
Office or the Zakat authority, and its reason), then expired, then active. "My
transactions" lists what they applied for; tapping one opens its timeline. Any licence,
or a transaction whose licence was issued, can be printed as an inquiry summary.

The beneficiary token is read from the session at each request and never copied here;
`reset()` forgets every licence and transaction shown.
"""

from __future__ import annotations

import enum
from typing import Protocol

from kiosk.api.schema import Licence, LicenceStatus, Transaction, VerificationKind
from kiosk.config import Language
from kiosk.devices.printer.receipt import Receipt, ReceiptKind, ReceiptReferences
from kiosk.domain.dates import format_dual_date
from kiosk.domain.session import Session
from kiosk.flows.base import Flow, Runner
from kiosk.flows.printing import PrinterPort, ReceiptPrint
from kiosk.flows.track import (
    ReceiptContext,
    Trouble,
    label,
    transaction_summary,
    trouble_for,
    word,
)

_ATTENTION = {LicenceStatus.CANCELLED: 0, LicenceStatus.SUSPENDED: 1,
              LicenceStatus.EXPIRED: 2, LicenceStatus.ACTIVE: 3}


class MineApi(Protocol):
    def licences(self, token: str) -> list[Licence]: ...
    def my_transactions(self, token: str) -> list[Transaction]: ...


class MineView(enum.StrEnum):
    LICENCES = "licences"
    TRANSACTIONS = "transactions"
    TIMELINE = "timeline"
    TROUBLE = "trouble"


def ordered_licences(licences: list[Licence]) -> list[Licence]:
    """Cancelled and suspended first, then expired, then active; soonest expiry first."""
    return sorted(licences, key=lambda lic: (_ATTENTION[lic.status], lic.expires_on,
                                             lic.number))


def licence_summary(licence: Licence, language: str, context: ReceiptContext) -> Receipt:
    """An inquiry summary of one licence; its QR code opens the licence's public
    verification page. The shop name is already public there; nothing else personal."""
    district = licence.district_ar if language == "ar" else licence.district_en
    activity = licence.activity_ar if language == "ar" else licence.activity_en
    lines: list[tuple[str, str]] = [
        (label("type", language), word(licence.licence_type, language)),
        (label("shop", language), licence.shop_name),
        (label("activity", language), activity),
        (label("district", language), district),
        (label("branch", language), word(licence.branch, language)),
        (label("status", language), word(licence.status, language)),
    ]
    if licence.status_by is not None:
        lines.append((label("by", language), word(licence.status_by, language)))
    reason = licence.status_reason_ar if language == "ar" else licence.status_reason_en
    if reason:
        lines.append((label("reason", language), reason))
    lines.append((label("expires", language),
                  format_dual_date(licence.expires_on, language)))
    lines.append((label("issued_by", language), word(licence.channel, language)))
    return Receipt(
        kind=ReceiptKind.INQUIRY_SUMMARY, language=Language(language),
        title=label("licence_title", language), issued_at=context.clock(),
        kiosk_id=context.kiosk_id, location_ar=context.location_ar,
        location_en=context.location_en,
        verification_url=licence.verification_url
        or context.verification_url(VerificationKind.LICENCE, licence.number),
        lines=tuple(lines),
        references=ReceiptReferences(licence_number=licence.number),
    )


class MineFlow(Flow):
    """Licences <-> transactions -> one transaction's timeline; trouble in between."""

    def __init__(self, api: MineApi, runner: Runner, session: Session, printer: PrinterPort,
                 context: ReceiptContext) -> None:
        super().__init__(runner)
        self._api = api
        self._session = session
        self._context = context
        self.printing = ReceiptPrint(printer, runner)
        self.view = MineView.LICENCES
        self.licences: list[Licence] | None = None
        self.transactions: list[Transaction] | None = None
        self.selected: Transaction | None = None
        self.trouble: Trouble | None = None
        #: The list the beneficiary asked for last (what a retry loads again).
        self.wanted = MineView.LICENCES

    # -- intents -----------------------------------------------------------------------

    def open(self, view: MineView = MineView.LICENCES) -> None:
        """Shows licences or transactions, loading them on first sight."""
        if view not in (MineView.LICENCES, MineView.TRANSACTIONS):
            raise ValueError(f"cannot open {view.value} directly")
        self.wanted = view
        self.trouble = None
        self.selected = None
        self.printing.reset()
        self.view = view
        loaded = self.licences if view is MineView.LICENCES else self.transactions
        if loaded is not None:
            self._changed()
            return
        self._load(view)

    def retry(self) -> None:
        self.trouble = None
        self.view = self.wanted
        self._load(self.wanted)

    def open_transaction(self, number: str) -> None:
        found = next((t for t in self.transactions or [] if t.number == number), None)
        if found is None:
            return
        self.selected = found
        self.view = MineView.TIMELINE
        self.printing.reset()
        self._changed()

    def print_licence(self, number: str, language: str) -> bool:
        found = next((lic for lic in self.licences or [] if lic.number == number), None)
        if found is None:
            return False
        return self.printing.start(licence_summary(found, language, self._context))

    def print_selected(self, language: str) -> bool:
        if self.selected is None or self.selected.licence_number is None:
            return False
        return self.printing.start(transaction_summary(self.selected, language,
                                                       self._context))

    def fail(self, error: BaseException) -> None:
        """Shows what a failed request leads to (the tour uses it for the trouble states)."""
        self.busy = False
        self._failed(error)
        self._changed()

    def back(self) -> bool:
        """Timeline -> transactions; False elsewhere (the router leaves the screen)."""
        if self.view is MineView.TIMELINE:
            self.view = MineView.TRANSACTIONS
            self.selected = None
            self.printing.reset()
            self._changed()
            return True
        return False

    def reset(self) -> None:
        self.view = self.wanted = MineView.LICENCES
        self.licences = None
        self.transactions = None
        self.selected = None
        self.trouble = None
        self.notice = None
        self.busy = False
        self.printing.reset()
        self._changed()

    # -- results -----------------------------------------------------------------------

    def _load(self, view: MineView) -> None:
        token = self._session.token
        if token is None:
            self.trouble = Trouble.SESSION_EXPIRED
            self.view = MineView.TROUBLE
            self._changed()
            return
        if view is MineView.LICENCES:
            self._run(lambda: self._api.licences(token), self._licences_loaded, self._failed)
        else:
            self._run(lambda: self._api.my_transactions(token), self._transactions_loaded,
                      self._failed)

    def _licences_loaded(self, licences: list[Licence]) -> None:
        self.licences = ordered_licences(licences)
        self.view = MineView.LICENCES
        self.trouble = None

    def _transactions_loaded(self, transactions: list[Transaction]) -> None:
        self.transactions = list(transactions)
        self.view = MineView.TRANSACTIONS
        self.trouble = None

    def _failed(self, error: BaseException) -> None:
        self.trouble = trouble_for(error)
        if self.trouble is Trouble.SESSION_EXPIRED:
            # The server no longer accepts this token: identifying again is the way on.
            self._session.token = None
        self.view = MineView.TROUBLE
