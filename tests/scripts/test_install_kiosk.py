"""scripts/install_kiosk.sh, run for real with --root into a temporary folder.

Under --root the script writes the whole tree there and runs no package, user, systemctl
or udevadm command: it prints them as `not-run`. So every file, mode and link is checked
on disk; owners, which cannot be set without the kiosk user, are checked in the report
line the script prints for each file (`STATUS MODE OWNER PATH`). The unit goes through
systemd's own `systemd-analyze verify` and `security --offline=true`.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.config import load_config

CHECKOUT = Path(__file__).resolve().parents[2]
SCRIPT = CHECKOUT / "scripts" / "install_kiosk.sh"
DEVICES = ("--printer-usb", "04B8:0E15", "--terminal-usb", "0403:6001")

# Every file and folder a first install writes: mode and the owner it is meant to have.
EXPECTED = {
    "/opt/kiosk/": ("0755", "root:root"),
    "/opt/kiosk/releases/": ("0755", "root:root"),
    "/etc/kiosk/": ("0750", "root:kiosk"),
    "/var/lib/kiosk/": ("0700", "kiosk:kiosk"),
    "/etc/kiosk/kiosk.toml": ("0640", "root:kiosk"),
    "/etc/systemd/system/kiosk.service": ("0644", "root:root"),
    "/etc/pam.d/kiosk": ("0644", "root:root"),
    "/etc/udev/rules.d/70-kiosk-printer.rules": ("0644", "root:root"),
    "/etc/udev/rules.d/70-kiosk-terminal.rules": ("0644", "root:root"),
    "/etc/systemd/journald.conf.d/kiosk.conf": ("0644", "root:root"),
    "/etc/systemd/logind.conf.d/kiosk.conf": ("0644", "root:root"),
    "/etc/apt/apt.conf.d/21kiosk-auto-upgrades": ("0644", "root:root"),
    "/etc/apt/apt.conf.d/52kiosk-unattended-upgrades": ("0644", "root:root"),
}
CHANGES = ("created", "updated", "removed")


def install(root: Path, *options: str, source: Path = CHECKOUT,
            expect: int = 0) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["bash", str(SCRIPT), "--root", str(root), "--source", str(source),
                           *options], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == expect, done.stderr
    return done


def report(done: subprocess.CompletedProcess[str]) -> list[list[str]]:
    return [line.split() for line in done.stdout.splitlines()]


def tree(root: Path) -> dict[str, tuple[str, str]]:
    """Every path under `root` with its mode and content (or link target)."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(root.rglob("*")):
        name = "/" + str(path.relative_to(root))
        if path.is_symlink():
            found[name] = ("link", str(path.readlink()))
        elif path.is_dir():
            found[name] = (oct(path.stat().st_mode & 0o7777), "")
        else:
            found[name] = (oct(path.stat().st_mode & 0o7777),
                           hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def unit(root: Path) -> dict[str, list[str]]:
    """kiosk.service as systemd reads it: every value of each `Key=` (keys may repeat)."""
    values: dict[str, list[str]] = {}
    for line in (root / "etc/systemd/system/kiosk.service").read_text().splitlines():
        if line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values


def checkout_copy(tmp_path: Path) -> Path:
    """A checkout of our own to change, as a newer version would."""
    copy = tmp_path / "checkout"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for part in ("kiosk", "sandbox", "assets", "config", "scripts"):
        shutil.copytree(CHECKOUT / part, copy / part, ignore=ignore)
    for part in ("pyproject.toml", "README.md"):
        shutil.copy2(CHECKOUT / part, copy / part)
    return copy


def test_a_first_install_writes_every_file_with_its_mode_and_owner(tmp_path: Path) -> None:
    done = install(tmp_path, *DEVICES)
    lines = report(done)
    written = {line[3]: (line[1], line[2]) for line in lines if line[0] == "created"}
    assert {path: written[path] for path in EXPECTED} == EXPECTED
    for path, (mode, _owner) in EXPECTED.items():
        assert oct((tmp_path / path.lstrip("/")).stat().st_mode & 0o7777) == oct(int(mode, 8))
    # Under --root nothing ran on this machine; each command is shown instead.
    commands = [" ".join(line[1:]) for line in lines if line[0] == "not-run"]
    assert not [line for line in lines if line[0] == "run"]
    assert any(c.startswith("apt-get install") or "apt-get install" in c for c in commands)
    assert any("cage" in c and "python3-venv" in c for c in commands)
    # Debian 12's cage will not start without Xwayland, which its package does not pull in.
    assert any(" xwayland " in f" {c} " for c in commands if "apt-get install" in c)
    assert any(c.startswith("useradd --system") and "--shell /usr/sbin/nologin" in c
               for c in commands)
    assert "passwd --lock kiosk" in commands
    assert "systemctl enable kiosk.service" in commands
    assert "systemctl daemon-reload" in commands
    assert "udevadm control --reload" in commands
    assert any("ensure_qt_libs.sh --all-platforms" in c for c in commands)
    assert not any("sudo" in c for c in commands)
    # The app's release, and `current` pointing at it.
    current = tmp_path / "opt/kiosk/current"
    assert current.is_symlink()
    release = current.resolve()
    assert (release / ".complete").is_file()
    assert (release / "src/kiosk/app.py").is_file()
    assert (release / "src/assets/i18n/kiosk_ar.qm").is_file()
    assert not list(release.rglob("__pycache__"))


def test_the_unit_runs_cage_on_tty1_under_the_watchdog(tmp_path: Path) -> None:
    install(tmp_path, *DEVICES, "--rotate", "90")
    values = unit(tmp_path)
    for key, value in {"Type": "notify", "NotifyAccess": "all", "WatchdogSec": "20",
                       "Restart": "always", "StartLimitBurst": "10",
                       "StartLimitIntervalSec": "600", "Conflicts": "getty@tty1.service",
                       "TTYPath": "/dev/tty1", "PAMName": "kiosk", "UtmpIdentifier": "tty1",
                       "User": "kiosk", "NoNewPrivileges": "yes",
                       "ProtectSystem": "strict"}.items():
        assert values[key] == [value], key
    assert "KIOSK_CONFIG=/etc/kiosk/kiosk.toml" in values["Environment"]
    [start] = values["ExecStart"]
    command, app = start.split(" -- ")
    # -d no decorations, one -r per 90 degrees; never -s (VT switching).
    assert command.split() == ["/usr/bin/cage", "-d", "-r"]
    assert app == "/usr/bin/env -u WATCHDOG_PID /opt/kiosk/current/bin/kiosk run"
    # A stop goes to the app first; cage follows it out.
    [stop] = values["ExecStop"]
    assert 'pkill --signal TERM --parent "$$MAINPID"' in stop
    assert (tmp_path / "etc/pam.d/kiosk").read_text().count("pam_systemd.so") == 1
    assert "auth     required pam_deny.so" in (tmp_path / "etc/pam.d/kiosk").read_text()
    logind = (tmp_path / "etc/systemd/logind.conf.d/kiosk.conf").read_text()
    assert "NAutoVTs=0" in logind  # no login prompt behind the kiosk on another VT


def test_systemd_accepts_the_unit_and_rates_its_sandbox(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian package systemd)")
    if shutil.which("cage") is None:
        pytest.skip("cage is not installed: verify checks ExecStart's binary "
                    "(scripts/ensure_test_tools.sh installs it)")
    install(tmp_path, *DEVICES)
    units = tmp_path / "etc/systemd/system"
    verified = subprocess.run([analyze, "verify", "./kiosk.service"], cwd=units,
                              capture_output=True, text=True, timeout=60, check=False)
    assert verified.returncode == 0, verified.stderr
    assert "kiosk.service" not in verified.stderr, verified.stderr
    security = subprocess.run([analyze, "security", "--offline=true", "./kiosk.service"],
                              cwd=units, capture_output=True, text=True, timeout=60,
                              check=False)
    level = re.search(r"Overall exposure level for kiosk\.service: ([\d.]+)", security.stdout)
    assert level is not None, security.stdout + security.stderr
    # systemd's scale: 0 (locked down) to 10 (exposed); under 4 it calls a service "OK".
    assert float(level.group(1)) < 4.0, security.stdout


def test_udev_gives_the_devices_stable_names_for_the_kiosk_group_only(tmp_path: Path) -> None:
    install(tmp_path, *DEVICES)
    printer = (tmp_path / "etc/udev/rules.d/70-kiosk-printer.rules").read_text()
    terminal = (tmp_path / "etc/udev/rules.d/70-kiosk-terminal.rules").read_text()
    rules = [line for line in (printer + terminal).splitlines()
             if line and not line.startswith("#")]
    assert len(rules) == 3
    for rule in rules:
        assert 'GROUP="kiosk"' in rule
        assert 'MODE="0660"' in rule
    assert "0666" not in printer + terminal
    assert 'ATTRS{idVendor}=="04b8", ATTRS{idProduct}=="0e15", SYMLINK+="kiosk-printer"' \
        in printer
    assert 'ATTRS{idVendor}=="0403", ATTRS{idProduct}=="6001", SYMLINK+="kiosk-terminal"' \
        in terminal


def test_the_config_points_at_the_devices_and_passes_the_kiosk_s_own_check(
        tmp_path: Path) -> None:
    install(tmp_path, *DEVICES)
    config = load_config(tmp_path / "etc/kiosk/kiosk.toml")
    assert config.printer.connection == "file:///dev/kiosk-printer"
    assert config.terminal.port == "/dev/kiosk-terminal"
    assert config.storage.data_dir == Path("/var/lib/kiosk")


def test_journald_updates_and_time_are_looked_after(tmp_path: Path) -> None:
    done = install(tmp_path, *DEVICES)
    journald = (tmp_path / "etc/systemd/journald.conf.d/kiosk.conf").read_text()
    assert "SystemMaxUse=200M" in journald
    assert "Storage=persistent" in journald
    origins = (tmp_path / "etc/apt/apt.conf.d/52kiosk-unattended-upgrades").read_text()
    # The distribution's default origins (point releases too) are cleared: security only.
    assert "#clear Unattended-Upgrade::Origins-Pattern;" in origins
    patterns = re.findall(r'^\s+"(origin=[^"]+)";', origins, re.MULTILINE)
    assert patterns
    assert all("-security" in pattern for pattern in patterns)
    periodic = (tmp_path / "etc/apt/apt.conf.d/21kiosk-auto-upgrades").read_text()
    assert 'APT::Periodic::Unattended-Upgrade "1";' in periodic
    assert "not-run      systemctl enable --now systemd-timesyncd.service" in done.stdout


def test_a_second_run_changes_nothing_and_keeps_the_technician_s_config(
        tmp_path: Path) -> None:
    install(tmp_path, *DEVICES)
    config = tmp_path / "etc/kiosk/kiosk.toml"
    config.write_text(config.read_text().replace('id = "AHS-DEV-01"', 'id = "AHS-MALL-07"'))
    before = tree(tmp_path)
    again = install(tmp_path, *DEVICES)
    assert tree(tmp_path) == before
    assert 'id = "AHS-MALL-07"' in config.read_text()
    statuses = {line[0] for line in report(again)}
    assert statuses == {"unchanged", "not-run"}
    unchanged = {line[3] for line in report(again) if line[0] == "unchanged" and
                 line[1] != "link"}
    assert set(EXPECTED) <= unchanged
    # Nothing changed, so nothing is reloaded or restarted.
    assert "daemon-reload" not in again.stdout
    assert "udevadm" not in again.stdout
    assert "try-restart" not in again.stdout


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    done = install(fresh, *DEVICES, "--dry-run")
    assert not fresh.exists()
    lines = report(done)
    assert {line[3] for line in lines if line[0] == "would-created"} >= set(EXPECTED)
    assert any(line[0] == "would-run" and "useradd" in line for line in lines)
    assert not [line for line in lines if line[0] in (*CHANGES, "run", "not-run")]

    installed = tmp_path / "installed"
    install(installed, *DEVICES)
    (installed / "etc/pam.d/kiosk").write_text("changed by hand\n")
    before = tree(installed)
    done = install(installed, *DEVICES, "--dry-run")
    assert tree(installed) == before
    assert ["would-updated", "0644", "root:root", "/etc/pam.d/kiosk"] in report(done)


def test_an_update_keeps_the_release_before_and_rollback_returns_to_it(
        tmp_path: Path) -> None:
    source = checkout_copy(tmp_path)
    root = tmp_path / "root"
    install(root, *DEVICES, source=source)
    first = (root / "opt/kiosk/current").readlink()
    (source / "kiosk/app.py").write_text((source / "kiosk/app.py").read_text() + "\n# v2\n")
    update = install(root, *DEVICES, source=source)
    second = (root / "opt/kiosk/current").readlink()
    assert second != first
    assert (root / "opt/kiosk/previous").readlink() == first
    assert "not-run      systemctl try-restart kiosk.service" in update.stdout

    install(root, "--rollback", source=source)
    assert (root / "opt/kiosk/current").readlink() == first
    assert (root / "opt/kiosk/previous").readlink() == second

    # A third release: only the current one and the one before stay on disk.
    (source / "kiosk/app.py").write_text((source / "kiosk/app.py").read_text() + "# v3\n")
    install(root, *DEVICES, source=source)
    releases = {path.name for path in (root / "opt/kiosk/releases").iterdir()}
    assert releases == {(root / "opt/kiosk/current").readlink().name, first.name}


def test_rollback_without_a_release_before_says_so(tmp_path: Path) -> None:
    install(tmp_path, *DEVICES)
    done = install(tmp_path, "--rollback", expect=1)
    assert done.stderr.startswith("install_kiosk.sh: no previous release to roll back to")
    assert len(done.stderr.splitlines()) == 1


def test_uninstall_keeps_enrolment_and_config_and_purge_removes_them(tmp_path: Path) -> None:
    install(tmp_path, *DEVICES)
    secrets = tmp_path / "var/lib/kiosk/enrolment.json"  # as written by `kiosk enrol`
    secrets.write_text("{}")
    done = install(tmp_path, "--uninstall")
    for path in ("/etc/systemd/system/kiosk.service", "/etc/pam.d/kiosk",
                 "/etc/udev/rules.d/70-kiosk-printer.rules",
                 "/etc/udev/rules.d/70-kiosk-terminal.rules",
                 "/etc/systemd/journald.conf.d/kiosk.conf",
                 "/etc/systemd/logind.conf.d/kiosk.conf",
                 "/etc/apt/apt.conf.d/21kiosk-auto-upgrades",
                 "/etc/apt/apt.conf.d/52kiosk-unattended-upgrades", "/opt/kiosk"):
        assert not (tmp_path / path.lstrip("/")).exists(), path
        assert ["removed", path] in report(done)
    assert secrets.is_file()
    assert (tmp_path / "etc/kiosk/kiosk.toml").is_file()
    assert "not-run      systemctl disable --now kiosk.service" in done.stdout
    assert "not-run      systemctl enable getty@tty1.service" in done.stdout

    purged = install(tmp_path, "--uninstall", "--purge")
    assert not (tmp_path / "var/lib/kiosk").exists()
    assert not (tmp_path / "etc/kiosk").exists()
    assert "not-run      userdel kiosk" in purged.stdout


@pytest.mark.parametrize(("options", "says"), [
    (["--printer-usb", "04b8"], "--printer-usb takes VENDOR:PRODUCT"),
    (["--terminal-usb", "0403:60011"], "--terminal-usb takes VENDOR:PRODUCT"),
    (["--printer-usb"], "--printer-usb needs a value"),
    (["--printer-usb", "--dry-run"], "--printer-usb needs a value"),
    (["--rotate", "45"], "--rotate takes 0, 90, 180 or 270"),
    (["--purge"], "--purge goes with --uninstall"),
    (["--rollback", "--uninstall"], "--uninstall and --rollback exclude each other"),
    (["--frobnicate"], "unknown option '--frobnicate'"),
    (["--root", "/"], "--root / is the running system"),
])
def test_a_bad_option_is_one_line_and_exit_status_2(tmp_path: Path, options: list[str],
                                                      says: str) -> None:
    done = subprocess.run(["bash", str(SCRIPT), "--root", str(tmp_path / "root"), *options],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"install_kiosk.sh: {says}")
    assert len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "root").exists()


def test_help_says_how_to_use_it() -> None:
    done = subprocess.run(["bash", str(SCRIPT), "--help"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("Usage: install_kiosk.sh")
    for option in ("--printer-usb", "--terminal-usb", "--rollback", "--uninstall", "--purge",
                   "--root", "--dry-run"):
        assert option in done.stdout
