"""Known errors: the failures the kiosk expects and can explain, as opposed to bugs.

Every part's errors extend `KnownError`: the municipality API client's
(`kiosk.api.errors`), the receipt printer's (`kiosk.devices.printer.errors`), the payment
terminal's (`kiosk.devices.terminal.errors`) and the outbox's
(`kiosk.offline_queue.errors`). A known error carries what the beneficiary reads, in
Arabic and English, and whether trying again may help (`retryable`); `str()` stays one
plain-English line for logs and the CLI. None of them holds personal data.

Callers decide by type: `isinstance(error, KnownError)` means "say what happened"
(`kiosk.flows.base.notice_for`), anything else is a bug, logged with its traceback and
shown only as a generic apology (qutebrowser's split of known errors from bugs).

Pure Python that imports nothing of ours, so every layer may raise and catch it, the
domain included; an import-linter contract keeps it that way.
"""

from __future__ import annotations

from typing import ClassVar


class KnownError(Exception):
    """A failure with a sentence for the beneficiary in both languages.

    Subclasses set `default_en`, `default_ar` and `default_retryable`; an instance may
    carry its own texts (the API relays the server's). `detail` is the technical line
    for logs (`str(error)`); without one, the English sentence is used.
    """

    default_en: ClassVar[str] = "This kiosk could not complete the request."
    default_ar: ClassVar[str] = "تعذّر على هذا الجهاز إكمال الطلب."
    default_retryable: ClassVar[bool] = False

    def __init__(
        self,
        detail: str | None = None,
        *,
        message_en: str | None = None,
        message_ar: str | None = None,
        retryable: bool | None = None,
    ) -> None:
        self.message_en: str = message_en or self.default_en
        self.message_ar: str = message_ar or self.default_ar
        self.retryable: bool = self.default_retryable if retryable is None else retryable
        super().__init__(detail or self.message_en)

    def text(self, language: str) -> str:
        """The sentence for the beneficiary in `language` ("ar" or "en")."""
        return self.message_ar if language == "ar" else self.message_en
