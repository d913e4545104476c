"""One beneficiary's visit, from the first touch to the end (or the idle timeout).

Everything personal the kiosk learns (ID number, mobile, beneficiary token, form answers)
lives here and only here, so ending the session is one `clear()` and nothing survives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Session:
    """The current beneficiary's data; empty when nobody is using the kiosk."""

    national_id: str | None = None
    mobile: str | None = None
    token: str | None = None
    name_ar: str | None = None
    name_en: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    journey: str | None = None

    @property
    def identified(self) -> bool:
        return self.token is not None

    @property
    def empty(self) -> bool:
        return self == Session()

    def clear(self) -> None:
        self.national_id = None
        self.mobile = None
        self.token = None
        self.name_ar = None
        self.name_en = None
        self.answers = {}
        self.journey = None
