"""The settings panel: default language, idle timeout and warning, receipt printer.
Renders `kiosk.technician.settings_tool.SettingsTool`; every value is typed on the
on-screen keyboard's number pad and checked by the configuration's own rules."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.config_source import RULES, Language
from kiosk.domain.text import isolate_ltr
from kiosk.screens.base import label
from kiosk.screens.technician.panel import (
    SPACING,
    FlowPanel,
    action,
    busy_text,
    number,
    row,
    section,
)
from kiosk.technician.settings_tool import (
    DEFAULT_PRINTER_PORT,
    NO_PRINTER,
    AddressProblem,
    SettingsTool,
    SiteSettings,
    network_parts,
)
from kiosk.widgets.fields import FieldKind, KioskLineEdit

translate = QCoreApplication.translate

FIELD_WIDTH = 320


def _field(kind: FieldKind, name: str) -> KioskLineEdit:
    field = KioskLineEdit(kind)
    field.setObjectName(name)
    field.setMaximumWidth(FIELD_WIDTH)
    return field


def _range(section_name: str, key: str) -> tuple[int, int]:
    rule = RULES[section_name][key]
    if rule.ge is None or rule.le is None:
        raise ValueError(f"{section_name}.{key} has no range")
    return int(rule.ge), int(rule.le)


class SettingsPanel(FlowPanel):
    """One row per setting: its saved value, a field or choice, and Save."""

    def __init__(self, tool: SettingsTool) -> None:
        super().__init__(tool)
        self.tool = tool
        self.applies = label("hint")
        self.body.addWidget(self.applies)
        content = QWidget()
        page = QVBoxLayout(content)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(SPACING)

        self.language_heading = section(page)
        self.arabic_button = action("settings-language-ar")
        self.english_button = action("settings-language-en")
        for choice in (self.arabic_button, self.english_button):
            choice.setCheckable(True)
        page.addWidget(row(self.arabic_button, self.english_button))

        self.timeout_heading = section(page)
        self.timeout_hint = label("hint")
        self.timeout_field = _field(FieldKind.NUMBER, "settings-idle-timeout")
        self.timeout_save = action("settings-idle-timeout-save", "primary")
        page.addWidget(self.timeout_hint)
        page.addWidget(row(self.timeout_field, self.timeout_save))

        self.warning_heading = section(page)
        self.warning_hint = label("hint")
        self.warning_field = _field(FieldKind.NUMBER, "settings-idle-warning")
        self.warning_save = action("settings-idle-warning-save", "primary")
        page.addWidget(self.warning_hint)
        page.addWidget(row(self.warning_field, self.warning_save))

        self.printer_heading = section(page)
        self.printer_now = label("hint")
        self.address_label = label()
        self.address_field = _field(FieldKind.IP_ADDRESS, "settings-printer-address")
        self.port_label = label()
        self.port_field = _field(FieldKind.NUMBER, "settings-printer-port")
        self.printer_save = action("settings-printer-save", "primary")
        self.no_printer = action("settings-printer-none")
        page.addWidget(self.printer_now)
        page.addWidget(row(self.address_label, self.address_field, self.port_label,
                           self.port_field))
        page.addWidget(row(self.printer_save, self.no_printer))
        page.addStretch(1)

        self.problem = label("error")
        self.problem.hide()
        self.saved = label("subtitle")
        self.saved.hide()
        self.body.addWidget(self.problem)
        self.body.addWidget(self.saved)
        # No scroll area of its own: the technician screen scrolls as a whole.
        self.body.addWidget(content, 1)

        self.arabic_button.clicked.connect(lambda: tool.set_language(Language.ARABIC))
        self.english_button.clicked.connect(lambda: tool.set_language(Language.ENGLISH))
        self.timeout_save.clicked.connect(lambda: tool.set_idle_timeout(self.timeout_field.text()))
        self.timeout_field.submitted.connect(self.timeout_save.click)
        self.warning_save.clicked.connect(lambda: tool.set_idle_warning(self.warning_field.text()))
        self.warning_field.submitted.connect(self.warning_save.click)
        self.printer_save.clicked.connect(
            lambda: tool.set_network_printer(self.address_field.text(), self.port_field.text()))
        self.port_field.submitted.connect(self.printer_save.click)
        self.no_printer.clicked.connect(tool.set_no_printer)
        self._filled: SiteSettings | None = None
        self.retranslate()

    def title(self) -> str:
        return translate("SettingsPanel", "Settings")

    def refresh(self) -> None:
        self._filled = None  # the fields show the saved values again
        self.tool.refresh()

    def show_state(self) -> None:
        tool = self.tool
        self.show_notice(tool.notice)
        self.applies.setText(translate(
            "SettingsPanel", "Changes are checked like the configuration file, saved on "
            "this kiosk, and apply after the kiosk restarts."))
        self.language_heading.setText(translate("SettingsPanel", "Default language"))
        self.arabic_button.setText("العربية")
        self.english_button.setText(isolate_ltr("English"))
        low, high = _range("ui", "idle_timeout_s")
        self.timeout_heading.setText(translate("SettingsPanel", "Idle timeout"))
        self.timeout_hint.setText(translate(
            "SettingsPanel", "Seconds without a touch before the kiosk warns and ends the "
            "session: from %1 to %2.").replace("%1", number(low)).replace("%2", number(high)))
        low, high = _range("ui", "idle_warning_s")
        self.warning_heading.setText(translate("SettingsPanel", "Idle warning"))
        self.warning_hint.setText(translate(
            "SettingsPanel", "Seconds the warning gives to carry on: from %1 to %2.")
            .replace("%1", number(low)).replace("%2", number(high)))
        self.printer_heading.setText(translate("SettingsPanel", "Receipt printer"))
        self.address_label.setText(translate("SettingsPanel", "Network address"))
        self.port_label.setText(translate("SettingsPanel", "Port"))
        self.printer_save.setText(translate("SettingsPanel", "Save the network printer"))
        self.no_printer.setText(translate("SettingsPanel", "No printer"))
        for save in (self.timeout_save, self.warning_save):
            save.setText(translate("SettingsPanel", "Save"))
        saved = tool.saved
        if saved is None:
            self.printer_now.setText(busy_text())
        else:
            self._show_saved(saved)
        self._render_outcome()
        for widget in (self.arabic_button, self.english_button, self.timeout_save,
                       self.warning_save, self.printer_save, self.no_printer):
            widget.setEnabled(not tool.busy and saved is not None)

    def _show_saved(self, saved: SiteSettings) -> None:
        self.arabic_button.setChecked(saved.language is Language.ARABIC)
        self.english_button.setChecked(saved.language is Language.ENGLISH)
        connection = saved.printer_connection
        if connection == NO_PRINTER:
            now = translate("SettingsPanel", "Now: no printer (receipts are shown as QR "
                            "codes).")
        else:
            now = translate("SettingsPanel", "Now: %1").replace("%1", isolate_ltr(connection))
        self.printer_now.setText(now)
        if self._filled != saved:
            # Fill the fields with what is saved once, not over what is being typed.
            self._filled = saved
            self.timeout_field.setText(str(saved.idle_timeout_s))
            self.warning_field.setText(str(saved.idle_warning_s))
            parts = network_parts(connection)
            address, port = parts if parts else ("", str(DEFAULT_PRINTER_PORT))
            self.address_field.setText(address)
            self.port_field.setText(port)

    def _render_outcome(self) -> None:
        tool = self.tool
        problem: str | None = None
        if tool.address_problem is AddressProblem.ADDRESS:
            problem = translate("SettingsPanel", "Not saved: type the printer's address as "
                                "four numbers from 0 to 255 with dots, such as 192.168.1.50.")
        elif tool.address_problem is AddressProblem.PORT:
            problem = translate("SettingsPanel", "Not saved: the port is a number from 1 "
                                "to 65535 (network printers use 9100).")
        elif tool.problem is not None:
            # The configuration check's own line, as `kiosk run` would print it.
            problem = translate("SettingsPanel", "Not saved: %1").replace(
                "%1", isolate_ltr(tool.problem))
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        self.timeout_field.mark_invalid(tool.problem_key == "ui.idle_timeout_s")
        self.warning_field.mark_invalid(tool.problem_key == "ui.idle_warning_s")
        self.address_field.mark_invalid(tool.address_problem is AddressProblem.ADDRESS)
        self.port_field.mark_invalid(tool.address_problem is AddressProblem.PORT)
        shown = tool.changed_key is not None or tool.restart_needed
        self.saved.setVisible(shown and problem is None)
        if tool.restart_needed:
            self.saved.setText(translate("SettingsPanel", "Saved. The new settings apply "
                                         "after the kiosk restarts (Service, Restart)."))
        else:
            self.saved.setText(translate("SettingsPanel", "Saved. The kiosk already runs "
                                         "with these settings."))

