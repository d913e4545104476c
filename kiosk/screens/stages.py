"""The names of a journey's steps on screen, and the step indicator set from a flow's
`Progress`: one place, so identification and the licence form name the same steps the
same way."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.flows.progress import Progress, Stage
from kiosk.widgets.steps import StepIndicator

translate = QCoreApplication.translate


def stage_name(stage: Stage) -> str:
    """A step's name in the language on show (literal calls, for lupdate)."""
    names = {
        Stage.LICENCE_TYPE: translate("Stages", "Licence type"),
        Stage.IDENTITY: translate("Stages", "Your identity"),
        Stage.DETAILS: translate("Stages", "Application details"),
        Stage.CHECK: translate("Stages", "Check your answers"),
        Stage.FEE: translate("Stages", "Fee and submit"),
        Stage.BILL: translate("Stages", "Your bill"),
        Stage.CARD: translate("Stages", "Card payment"),
        Stage.RECEIPT: translate("Stages", "Receipt"),
        Stage.LICENCES: translate("Stages", "Your licences and transactions"),
    }
    return names[stage]


def show_progress(indicator: StepIndicator, progress: Progress | None) -> None:
    """Shows `progress` on `indicator`, or hides it when there is none."""
    if progress is None:
        indicator.hide()
        return
    indicator.show_steps([stage_name(stage) for stage in progress.stages], progress.number,
                         progress.page, progress.pages)
    indicator.show()
