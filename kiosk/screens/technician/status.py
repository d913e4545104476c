"""The Status tool: every part of the one health snapshot in plain words, with the
kiosk's version, uptime, identity and enrolment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from kiosk.domain.text import isolate_ltr
from kiosk.flows.base import Runner
from kiosk.health.model import ComponentHealth, Status
from kiosk.screens.base import label
from kiosk.screens.technician.panel import ReadPanel
from kiosk.technician.status import StatusReport
from kiosk.widgets.layout import clear_layout, list_column

translate = QCoreApplication.translate


def component_name(component: str) -> str:
    """A part of the kiosk as a technician calls it (unknown parts by their own name)."""
    names = {
        "api": translate("TechnicianStatus", "Link to the municipality (TLS)"),
        "connectivity": translate("TechnicianStatus", "Network"),
        "outbox": translate("TechnicianStatus", "Requests kept on this kiosk"),
        "offline_queue": translate("TechnicianStatus", "Sending of requests"),
        "printer": translate("TechnicianStatus", "Receipt printer"),
        "payment_terminal": translate("TechnicianStatus", "Card payment terminal"),
        "catalogue": translate("TechnicianStatus", "Licence catalogue"),
        "assistance": translate("TechnicianStatus", "Call for staff"),
        "service": translate("TechnicianStatus", "Service to the public"),
        "technician": translate("TechnicianStatus", "Technician door"),
        "disk": translate("TechnicianStatus", "Disk space"),
    }
    return names.get(component, isolate_ltr(component))


def status_word(status: Status) -> str:
    return {
        Status.OK: translate("TechnicianStatus", "Working"),
        Status.WARNING: translate("TechnicianStatus", "Needs attention"),
        Status.ERROR: translate("TechnicianStatus", "Not working"),
    }[status]


def detail_value(value: object) -> str:
    """A health detail as a technician reads it: "—" for none, whole numbers without a
    decimal point, times to the second in UTC."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.1f}"
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return str(value)


def _details(component: ComponentHealth) -> str:
    shown = [f"{key}: {detail_value(value)}" for key, value in component.details.items()]
    return isolate_ltr(" · ".join(shown)) if shown else ""


def uptime_text(seconds: float) -> str:
    minutes = int(seconds // 60)
    return isolate_ltr(f"{minutes // 60}:{minutes % 60:02d}")


class StatusPanel(ReadPanel[StatusReport]):
    """A tool panel (`ToolPanel`) over `read`, which takes a `StatusReport` (blocking)."""

    def __init__(self, read: Callable[[], StatusReport], runner: Runner) -> None:
        super().__init__(read, runner)
        self.heading = label("subtitle")
        self.state = label("hint")
        self.facts = label()
        self.english = label("hint")
        self.list_body, self.rows = list_column(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.state)
        layout.addWidget(self.again_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.facts)
        layout.addWidget(self.english)
        layout.addWidget(self.list_body)
        layout.addStretch(1)

    def title(self) -> str:
        return translate("TechnicianStatus", "Status")

    @property
    def report(self) -> StatusReport | None:
        """The last report read (None until the first read has answered)."""
        return self.value

    def reading(self) -> None:
        self.state.setText(translate("TechnicianStatus", "Checking every part…"))

    def show_value(self) -> None:
        clear_layout(self.rows)
        report = self.value
        if self.failed:
            self.state.setText(translate("TechnicianStatus",
                                         "The parts could not be checked. Try again."))
        elif report is not None:
            self.state.setText(translate("TechnicianStatus", "Overall: %1").replace(
                "%1", status_word(report.snapshot.status)))
        if report is None:
            self.facts.clear()
            return
        enrolment = (translate("TechnicianStatus", "enrolled with the municipality")
                     if report.enrolled else
                     translate("TechnicianStatus", "not enrolled yet (kiosk enrol)"))
        self.facts.setText("\n".join((
            translate("TechnicianStatus", "Kiosk: %1").replace("%1",
                                                                isolate_ltr(report.kiosk_id)),
            translate("TechnicianStatus", "Version: %1").replace("%1",
                                                                  isolate_ltr(report.version)),
            translate("TechnicianStatus", "Running for (hours:minutes): %1").replace(
                "%1", uptime_text(report.uptime_s)),
            translate("TechnicianStatus", "Enrolment: %1").replace("%1", enrolment),
        )))
        for component in report.snapshot.components:
            self.rows.addWidget(self._row(component))

    def _row(self, component: ComponentHealth) -> QFrame:
        card = QFrame()
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        box.setContentsMargins(20, 12, 20, 12)
        box.setSpacing(4)
        heading = label("error" if component.status is Status.ERROR else None)
        heading.setText(f"{component_name(component.component)}: "
                        f"{status_word(component.status)}")
        summary = QLabel(isolate_ltr(component.summary))
        summary.setWordWrap(True)
        box.addWidget(heading)
        box.addWidget(summary)
        details = _details(component)
        if details:
            line = label("hint")
            line.setText(details)
            box.addWidget(line)
        return card

    def retranslate(self) -> None:
        self.heading.setText(translate("TechnicianStatus", "How each part of the kiosk is"))
        self.again_button.setText(translate("TechnicianStatus", "Check again"))
        self.english.setText(translate(
            "TechnicianStatus", "Under each part, its own report in English, as the service "
            "log has it."))
        self.show_value()
