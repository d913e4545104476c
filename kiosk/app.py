"""The composition root: configuration -> services -> main window.

The only module that wires parts together. It decides which screen factories exist,
connects the shell's signals (navigation, language, idle) and ends sessions.

Start-up paints Home first: the services, and for `kiosk run` the typed configuration
(pydantic), are built off the UI thread once Home's first frame is on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTextEdit

from kiosk.config_source import EXIT_CONFIG, CheckedConfig, ConfigError
from kiosk.domain.pilot import AbandonReason
from kiosk.domain.session import Session
from kiosk.health.assistance import StaffCall
from kiosk.health.service import CREDENTIALS, STORAGE, ServiceState
from kiosk.screens.base import FREE, Navigation, Screen
from kiosk.screens.coming import ComingScreen
from kiosk.screens.home import SERVICES, HomeScreen
from kiosk.screens.messages import offline_banner_text
from kiosk.screens.out_of_service import OutOfServiceScreen
from kiosk.shell.accessibility import Accessibility, AccessibilityChoice
from kiosk.shell.background import BackgroundRunner
from kiosk.shell.first_paint import after_first_paint
from kiosk.shell.idle import IdleWatcher
from kiosk.shell.language import LanguageManager
from kiosk.shell.lockdown import EscapeKeyFilter
from kiosk.shell.router import HOME, Router
from kiosk.shell.theme import apply_theme
from kiosk.shell.window import KioskWindow
from kiosk.widgets.keyboard import KEYBOARD_QSS, KeyboardController

if TYPE_CHECKING:
    from kiosk.api.schema import JourneyEvents
    from kiosk.config import KioskConfig
    from kiosk.heartbeat import Deliver
    from kiosk.services import Services
    from kiosk.shell.window_fit import WindowChoice

log = logging.getLogger(__name__)

#: The exit status of a restart asked for on the kiosk (technician mode): EX_TEMPFAIL,
#: "try again". The systemd unit restarts the app on it (`Restart=on-failure`).
EXIT_RESTART = 75


def ensure_qapplication(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(argv or ["kiosk"])


@dataclass
class Kiosk:
    """The running kiosk: its window and the services the screens are built on.

    `config` is set by `build_kiosk` from a typed configuration; from a prechecked one
    (`kiosk run`) it is set when the services start, before any journey is installed.
    """

    app: QApplication
    window: KioskWindow
    router: Router
    language: LanguageManager
    idle: IdleWatcher
    background: BackgroundRunner
    accessibility: Accessibility
    #: The number the Help panel gives (`ui.hotline`).
    hotline: str
    session: Session = field(default_factory=Session)
    #: A beneficiary's call for staff: on screen, and in every health snapshot.
    staff_call: StaffCall = field(default_factory=StaffCall)
    #: Who holds the kiosk out of service (storage, credentials, technician, operator).
    service: ServiceState = field(default_factory=ServiceState)
    services: Services | None = None
    keyboard: KeyboardController | None = None
    _filters: list[QObject] = field(default_factory=list)
    _shown: str = HOME
    _navigation: Navigation = FREE
    _ending: bool = False
    # What waits for the current session to end (an operator's screenshot).
    _after_session: list[Callable[[], None]] = field(default_factory=list)
    # Set when the typed configuration refused what the precheck let through.
    config_error: ConfigError | None = None
    config: KioskConfig = field(init=False)

    def attach_services(self, services: Services) -> None:
        """Installs every journey over `services` (replacing the 'coming' screens)."""
        from kiosk.heartbeat import HeartbeatSender, OperatorCommands
        from kiosk.journeys import install_all

        self.services = services
        services.reporters.extend((self.staff_call, self.service))
        self._hold_for_default_credentials(services)
        services.events.attach(self._keep_events)
        install_all(self, services)
        # Started here, where the operators' commands can be carried out: holds on this
        # kiosk's service state, screenshots of this window.
        services.heartbeat = HeartbeatSender(
            services.client, services.config.kiosk.id, services.reporters,
            OperatorCommands(self.service, self),
            interval_s=services.config.api.heartbeat_interval_s)
        services.heartbeat.start()
        # Connectivity changes arrive on the probe's and the outbox worker's threads.
        services.connectivity.subscribe(
            lambda online: self.background.post(lambda: self._show_connectivity(online)))
        self._show_connectivity(services.connectivity.online)

    def pin_changed(self) -> None:
        """The technician changed the PIN on site (technician mode refuses the development
        one): what still holds the kiosk out is the API key, if anything."""
        services = self.services
        if services is None:
            return
        from kiosk.credentials import PIN

        services.default_credentials = tuple(
            found for found in services.default_credentials if found is not PIN)
        self._hold_for_default_credentials(services)

    def _hold_for_default_credentials(self, services: Services) -> None:
        """A kiosk still holding the development API key or PIN does not serve the
        public (`kiosk.credentials`; `kiosk doctor` tells the technician what to run)."""
        if not services.default_credentials:
            self.service.release(CREDENTIALS)
            return
        from kiosk.credentials import PUBLIC_REASON_AR, PUBLIC_REASON_EN

        log.warning("development credentials in use; out of service until enrolled",
                    extra={"defaults": ", ".join(c.key for c in services.default_credentials)})
        self.service.hold(CREDENTIALS, PUBLIC_REASON_EN, PUBLIC_REASON_AR)

    def _keep_events(self, batch: JourneyEvents) -> None:
        """A finished session's journey events into the outbox, as the kiosk's own work
        (the next beneficiary's Home must not drop it)."""
        from kiosk.journey_events import enqueue_events

        services = self.services
        assert services is not None
        self.background.submit(
            lambda: enqueue_events(services.outbox, services.config.kiosk.id, batch),
            lambda _entry: None,
            lambda error: log.warning("journey events not kept",
                                      extra={"error": type(error).__name__}),
            session=False)

    def _touched(self) -> None:
        """A beneficiary changed the language or the accessibility on Home: a session
        has begun even before a service is chosen."""
        if self.services is not None and not self._ending and self.in_session:
            self.services.events.session_started()

    def _show_connectivity(self, online: bool) -> None:
        if online:
            self.window.banner.hide()
        else:
            self.window.banner.show_message("offline", offline_banner_text)

    def end_session(self, reason: str = "ended", *,
                    why: AbandonReason = AbandonReason.CANCEL) -> None:
        """Wipes every trace of the current beneficiary and returns to Home. `reason` is
        for the log; `why` is what the pilot's figures say of a journey left unfinished."""
        if self.services is not None:
            self.services.events.session_ended(why)
        self._ending = True
        try:
            self._wipe()
        finally:
            self._ending = False
        log.info("session ended", extra={"reason": reason})
        if not self.service.in_service:
            # A hold that waited for this session applies now.
            self._show_out_of_service()
        waiting, self._after_session = self._after_session, []
        for action in waiting:
            # After the wipe has reached the screen; and should a new session have begun
            # meanwhile, the action waits for that one too.
            self.background.post(lambda a=action: self.when_no_session(a))  # type: ignore[misc]

    def when_no_session(self, action: Callable[[], None]) -> None:
        """Runs `action` now if no beneficiary is using the kiosk, else once the session
        ends (UI thread)."""
        if self.in_session:
            self._after_session.append(action)
        else:
            action()

    def take_screenshot(self, deliver: Deliver) -> None:
        """An operator's screenshot (`kiosk.heartbeat.ScreenshotTaker`), from any thread:
        grabbed on the UI thread once no session runs, so it never shows a beneficiary's
        data, and encoded off it; `deliver` gets the PNG bytes (None if none was made)."""
        from kiosk.api.schema import SCREENSHOT_MAX_BYTES
        from kiosk.shell.screenshot import encode_png, grab_image

        def grab() -> None:
            image = grab_image(self.window)

            def failed(error: BaseException) -> None:
                log.error("screenshot could not be encoded",
                          extra={"error": type(error).__name__})
                deliver(None)

            self.background.submit(lambda: encode_png(image, SCREENSHOT_MAX_BYTES), deliver,
                                   failed, session=False)
            log.info("screenshot taken for the operators")

        self.background.post(lambda: self.when_no_session(grab))

    @property
    def in_session(self) -> bool:
        """Whether a beneficiary is using the kiosk (anything but an untouched Home)."""
        return self.router.current not in (HOME, "out_of_service") or (
            self.language.current is not self.language.default
        ) or not self.accessibility.current.standard

    def restart(self) -> None:
        """Leaves the event loop with `EXIT_RESTART`; `kiosk run` exits with it."""
        log.warning("restart asked for", extra={"status": EXIT_RESTART})
        self.app.exit(EXIT_RESTART)

    def watch_service(self) -> None:
        """Follows the service holds, which may change on any thread."""
        self.service.subscribe(lambda _state: self.background.post(self.apply_service))
        self.apply_service()

    def apply_service(self) -> None:
        """Shows the out-of-service screen, or Home again, as the holds now say.

        A hold waits for the current beneficiary's session to end unless it is urgent;
        a session's end then applies it (see `end_session`).
        """
        if self.service.in_service:
            if self.router.current == "out_of_service":
                log.info("back in service")
                self.router.go(HOME)
            return
        if self.in_session and not self.service.urgent:
            log.info("out of service once the session ends")
            return
        if self.in_session:
            self.end_session("out of service", why=AbandonReason.SERVICE)
        else:
            self._show_out_of_service()

    def _show_out_of_service(self) -> None:
        hold = self.service.public
        screen = self.router.screen("out_of_service")
        assert isinstance(screen, OutOfServiceScreen)
        screen.show_reason(hold.reason_en if hold else "", hold.reason_ar if hold else "")
        if self.router.current != "out_of_service":
            self.router.go("out_of_service")

    def show_help(self) -> None:
        """Opens the Help panel with the words of the screen on show."""
        screen = self.router.screen(self.router.current)
        self.window.help_overlay.show_help(screen.help_text, self.hotline,
                                           called=self.staff_call.open)

    def call_staff(self) -> None:
        """Raises the staff flag (health snapshot, log) and says so on screen."""
        self.staff_call.call(self.router.current)
        self.window.help_overlay.set_called(True)
        self.window.staff_notice.show()

    def clear_staff_call(self, reason: str) -> None:
        self.staff_call.clear(reason)
        self.window.staff_notice.hide()
        self.window.help_overlay.set_called(False)

    def _choose_accessibility(self) -> None:
        home = self.router.screen(HOME)
        assert isinstance(home, HomeScreen)
        self.accessibility.choose(AccessibilityChoice(**home.chosen()))
        self._update_idle()
        self._touched()

    def _wipe(self) -> None:
        self.background.forget_pending()
        self.session.clear()
        self.window.idle_overlay.hide()
        self.window.help_overlay.hide()
        self.clear_staff_call("session ended")
        self.router.reset_all()
        if self.keyboard is not None:
            # A keypad left up would type the next person's first digits into a field
            # of this session (and hide Home's tiles).
            self.keyboard.dismiss()
        # Belt and braces: no field anywhere keeps text past a session.
        for line_edit in self.window.findChildren(QLineEdit):
            line_edit.clear()
        for text_box in self.window.findChildren(QTextEdit):
            text_box.clear()
        self.language.reset()
        # The next beneficiary finds the standard kiosk (Home's switches are off again).
        self.accessibility.reset()
        self.idle.set_active(False)

    def watch_input(self) -> None:
        """Installs the application-wide input filters: idle activity, escape keys."""
        for installed in (self.idle, *self._filters):
            self.app.installEventFilter(installed)

    def shutdown(self) -> bool:
        """Wipes the session, stops the services and detaches this kiosk from the
        QApplication (tests and the tour build several). True when every part stopped
        cleanly (`Services.stop`)."""
        if self.services is not None:
            # First: a card on the terminal is left to last-transaction recovery at the
            # next start; the session's wipe would otherwise abort it mid-authorisation.
            self.services.terminal.close()
        self.end_session("shutdown", why=AbandonReason.SERVICE)
        self.background.shutdown()
        clean = True
        if self.services is not None:
            clean = self.services.stop()
        for installed in (self.idle, *self._filters):
            self.app.removeEventFilter(installed)
        self.language.detach()
        if self.app.overrideCursor() is not None:
            self.app.restoreOverrideCursor()
        self.window.allow_close = True
        self.window.close()
        return clean

    def _on_screen_changed(self, name: str) -> None:
        left, self._shown = self._shown, name
        if name == HOME and left != HOME and not self._ending:
            # Home is the public screen: whoever sees it next is somebody else. Reaching
            # it from anywhere (Home, Back out of a journey, Finish, Stop) ends the
            # session, so nothing the last person unlocked or typed is offered again.
            self.end_session(f"home from {left}", why=AbandonReason.HOME)
            return
        screen = self.router.screen(name)
        self.window.set_navigation_visible(screen.show_navigation)
        self._show_navigation()
        self._update_idle()

    def _show_navigation(self) -> Navigation:
        """Shows the header buttons the current screen leaves live; returns its answer."""
        navigation = self.router.screen(self.router.current).navigation()
        self._navigation = navigation
        self.window.back_button.setVisible(navigation.back and len(self.router.history) > 1)
        self.window.home_button.setVisible(navigation.leave)
        self.window.end_button.setVisible(navigation.leave)
        return navigation

    def _navigation_changed(self) -> None:
        idle_before = self._navigation.idle_timeout
        if self._show_navigation().idle_timeout != idle_before:
            self._update_idle()

    def _may_leave(self) -> bool:
        """Whether the header's Home and End session are live (a card on the terminal
        holds the session: only the terminal's Cancel may stop it)."""
        if not self._navigation.leave:
            log.info("leaving refused while the screen holds the session")
        return self._navigation.leave

    def home_from_header(self) -> None:
        if self._may_leave():
            self.router.go(HOME)

    def end_from_header(self) -> None:
        if self._may_leave():
            self.end_session("cancelled by beneficiary")

    def _update_idle(self) -> None:
        self.idle.set_active(self.in_session and self._navigation.idle_timeout)


def screen_factories() -> dict[str, Callable[[], Screen]]:
    factories: dict[str, Callable[[], Screen]] = {
        HOME: HomeScreen,
        "out_of_service": OutOfServiceScreen,
    }
    for service in SERVICES:
        factories[service] = lambda s=service: ComingScreen(s)  # type: ignore[misc]
    return factories


def build_kiosk(config: KioskConfig | CheckedConfig, *, kiosk_mode: bool,
                watch_input: bool = True) -> Kiosk:
    """Creates (but does not show) the kiosk with everything connected.

    A prechecked configuration is enough: the shell needs only its `ui` values. Without
    `watch_input`, the caller calls `Kiosk.watch_input` itself (`run` does, after the
    first frame: a Python filter on the whole application has Qt hand every event of
    that first paint to Python, which made it markedly slower).
    """
    app = ensure_qapplication()
    apply_theme(app, extra_qss=KEYBOARD_QSS)
    language = LanguageManager(app, config.ui.language)
    window = KioskWindow()
    keyboard = KeyboardController.attach(window.keyboard_slot)
    router = Router(window.stack, screen_factories())
    idle = IdleWatcher(config.ui.idle_timeout_s * 1000, config.ui.idle_warning_s, window)
    background = BackgroundRunner(window)
    accessibility = Accessibility(app, window, extra_qss=KEYBOARD_QSS)
    kiosk = Kiosk(app, window, router, language, idle, background, accessibility,
                  config.ui.hotline)
    if not isinstance(config, CheckedConfig):
        kiosk.config = config
    kiosk.keyboard = keyboard

    idle.warning.connect(window.idle_overlay.show_countdown)
    idle.tick.connect(window.idle_overlay.show_countdown)
    idle.resumed.connect(window.idle_overlay.hide)
    idle.expired.connect(lambda: kiosk.end_session("idle timeout", why=AbandonReason.TIMEOUT))
    window.idle_overlay.continue_clicked.connect(idle.poke)
    window.idle_overlay.end_clicked.connect(lambda: kiosk.end_session("ended by beneficiary"))

    window.home_requested.connect(kiosk.home_from_header)
    window.back_requested.connect(router.back)
    window.end_requested.connect(kiosk.end_from_header)
    window.language_requested.connect(language.toggle)
    window.help_requested.connect(kiosk.show_help)
    window.help_overlay.call_staff_clicked.connect(kiosk.call_staff)
    window.staff_notice.clear_requested.connect(lambda: kiosk.clear_staff_call("cleared by staff"))
    home = router.screen(HOME)
    assert isinstance(home, HomeScreen)
    home.accessibility_changed.connect(kiosk._choose_accessibility)
    language.changed.connect(lambda _lang: kiosk._update_idle())
    language.changed.connect(lambda _lang: kiosk._touched())
    router.changed.connect(kiosk._on_screen_changed)
    router.navigation_changed.connect(kiosk._navigation_changed)

    if kiosk_mode:
        window.allow_close = False
        window.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
        kiosk._filters.append(EscapeKeyFilter(app))
    if watch_input:
        kiosk.watch_input()
    router.go(HOME)
    kiosk.watch_service()
    return kiosk


def start_services_in_background(kiosk: Kiosk, checked: CheckedConfig | None = None) -> None:
    """Opens storage and devices off the UI thread once Home is on screen.

    A kiosk whose outbox cannot be opened must not accept requests it cannot keep: it
    takes itself out of service with a message instead. Given the prechecked
    configuration (`kiosk run`), the typed models are built there too; should they refuse
    what the precheck let through, the kiosk stops (exit status 2) rather than run on a
    configuration it does not understand, and `run` raises that ConfigError.
    """

    def build() -> Services:
        from kiosk.services import build_services

        if checked is None:
            return build_services(kiosk.config)
        from kiosk.config import full_config

        return build_services(full_config(checked))

    def attached(services: Services) -> None:
        kiosk.config = services.config
        services.start()
        kiosk.attach_services(services)
        log.info("services started")

    def failed(error: BaseException) -> None:
        if isinstance(error, ConfigError):
            # The line itself may quote a value; it goes to the console, not the log.
            log.error("configuration refused after start-up; stopping")
            kiosk.config_error = error
            kiosk.app.exit(EXIT_CONFIG)
            return
        log.error("services could not start; out of service", extra={"error": str(error)})
        # The screen's own words say all the public needs; the log has the cause.
        kiosk.service.hold(STORAGE, immediate=True)

    # The kiosk's own work: a beneficiary who taps Home meanwhile must not drop it.
    kiosk.background.submit(build, attached, failed, session=False)


def run(config: KioskConfig | CheckedConfig, *, windowed: bool,
        window: WindowChoice | None = None) -> int:
    """Shows the kiosk and runs the Qt event loop until the app quits, or SIGINT/SIGTERM
    (systemd's stop) end it: then the status is 0, the session is wiped, the delivery
    worker stops between entries, a card purchase in progress is left to last-transaction
    recovery at the next start, the outbox is closed, and the log says "stopping on
    SIGTERM" and "stopped cleanly" (`Services.stop` keeps it within about 4 s).

    Home is painted before anything else starts: the input filters and the services
    follow its first frame. (Until then nothing on screen can be touched, and the kiosk
    window is already frameless, on top and refuses to close.) Raises ConfigError if the
    typed configuration refuses a prechecked one (see `start_services_in_background`).
    """
    # Only a running kiosk needs these: kept off the import path of build_kiosk.
    from kiosk.health.systemd_notify import Notifier
    from kiosk.shell.qt_log import route_qt_messages
    from kiosk.shell.signals import QuitOnSignals
    from kiosk.shell.watchdog import Watchdog
    from kiosk.shell.window_fit import WindowChoice, place

    route_qt_messages()
    kiosk = build_kiosk(config, kiosk_mode=not windowed, watch_input=False)
    if windowed:
        kiosk_id = (config.value("kiosk", "id") if isinstance(config, CheckedConfig)
                    else config.kiosk.id)
        kiosk.window.setWindowTitle(str(kiosk_id))
    place(kiosk.window, window or WindowChoice(fullscreen=not windowed))
    checked = config if isinstance(config, CheckedConfig) else None
    # systemd (a provisioned kiosk) waits for READY=1 and restarts a kiosk whose event
    # loop stops pinging; elsewhere this does nothing.
    watchdog = Watchdog(Notifier.from_environment(), kiosk.window)

    def after_home() -> None:
        watchdog.ready("Home on screen")
        kiosk.watch_input()
        start_services_in_background(kiosk, checked)

    after_first_paint(kiosk.router.screen(HOME), after_home)
    watchdog.start()
    with QuitOnSignals(kiosk.app):
        try:
            status = kiosk.app.exec()
        finally:
            watchdog.stopping("stopping")
            clean = kiosk.shutdown()
            if clean:
                log.info("stopped cleanly")
            else:
                log.warning("stopped; some parts did not stop cleanly (see above)")
    if kiosk.config_error is not None:
        raise kiosk.config_error
    return status
