"""Where a beneficiary is in a journey: its named stages, the one they are in, and the
page within it.

One indicator runs across a whole journey, identification included ("Step 2 of 5: Your
identity, 2 of 3"), so the count never restarts when a screen changes. The journey's flow
says which stages it has; identification, a separate screen shared by journeys, is told
the stages of the journey that sent the beneficiary to it. No Qt: screens name the
stages in the language on show.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Stage(enum.StrEnum):
    """A named step of a journey, as the step indicator shows it."""

    LICENCE_TYPE = "licence_type"
    IDENTITY = "identity"
    DETAILS = "details"
    CHECK = "check"
    FEE = "fee"
    BILL = "bill"
    CARD = "card"
    RECEIPT = "receipt"
    LICENCES = "licences"


#: The stages of the journeys that may pass through identification, after it (a journey
#: that needed identification puts `Stage.IDENTITY` in front).
PAY_STAGES = (Stage.BILL, Stage.CARD, Stage.RECEIPT)
MINE_STAGES = (Stage.LICENCES,)


def with_identity(stages: tuple[Stage, ...], needed: bool) -> tuple[Stage, ...]:
    """A journey's stages, identification first when this journey needs it."""
    return (Stage.IDENTITY, *stages) if needed else stages


@dataclass(frozen=True, slots=True)
class Progress:
    """The journey's stages, the current one, and the page of it (1-based) on show."""

    stages: tuple[Stage, ...]
    current: Stage
    page: int = 1
    pages: int = 1

    def __post_init__(self) -> None:
        if self.current not in self.stages:
            raise ValueError(f"{self.current} is not a stage of this journey")
        if not 1 <= self.page <= self.pages:
            raise ValueError("page must be between 1 and pages")

    @property
    def number(self) -> int:
        """The current stage's place, from 1."""
        return self.stages.index(self.current) + 1
