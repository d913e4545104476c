"""config/monitoring/ as Prometheus's and Alertmanager's own tools read it: the scrape
config and the rules are valid, the rules' unit tests pass (a flapping link included),
and the Alertmanager example is valid and routes every kiosk alert to the operators."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

MONITORING = Path(__file__).resolve().parents[2] / "config" / "monitoring"
TOOLS = ("promtool", "amtool")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(missing), reason=f"{' and '.join(missing)} not installed (Debian packages prometheus "
                          "and prometheus-alertmanager; scripts/ensure_test_tools.sh)")


def run(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=60, check=False,
                          cwd=MONITORING)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


def test_the_scrape_config_is_valid() -> None:
    # Syntax only: the token and CA files it names exist on the operators' server.
    run("promtool", "check", "config", "--syntax-only", "prometheus.yml")


def test_the_rules_are_valid_and_pass_their_unit_tests() -> None:
    assert "8 rules found" in run("promtool", "check", "rules", "kiosk-alerts.yml")
    assert "SUCCESS" in run("promtool", "test", "rules", "kiosk-alerts.test.yml")


def test_the_rule_tests_catch_a_flapping_link(tmp_path: Path) -> None:
    """Without keep_firing_for, a link dropping every few minutes would resolve and fire
    again at each drop: the unit tests must say so."""
    rules = (MONITORING / "kiosk-alerts.yml").read_text(encoding="utf-8")
    assert "keep_firing_for:" in rules
    (tmp_path / "kiosk-alerts.yml").write_text(
        "\n".join(line for line in rules.splitlines() if "keep_firing_for" not in line),
        encoding="utf-8")
    shutil.copy(MONITORING / "kiosk-alerts.test.yml", tmp_path)
    done = subprocess.run(["promtool", "test", "rules", "kiosk-alerts.test.yml"],
                          capture_output=True, text=True, timeout=60, check=False,
                          cwd=tmp_path)
    assert done.returncode != 0
    assert "AHS-OMR-01" in done.stdout + done.stderr  # the flapping case failed


def test_the_alertmanager_example_is_valid_and_routes_to_the_operators() -> None:
    assert "SUCCESS" in run("amtool", "check-config", "alertmanager.yml")
    for labels in (["alertname=KioskDown", "kiosk_id=AHS-MUB-01", "severity=critical"],
                   ["alertname=PaperNearEnd", "kiosk_id=AHS-MUB-01", "severity=warning"]):
        done = subprocess.run(
            ["amtool", "config", "routes", "test", "--config.file=alertmanager.yml", *labels],
            capture_output=True, text=True, timeout=60, check=False, cwd=MONITORING)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "kiosk-operators"  # (stderr: a warning about flags)


def test_every_component_a_rule_names_is_one_a_kiosk_reports() -> None:
    """A rule on a component name no kiosk sends never fires (TerminalUnreachable once
    asked for "terminal" while the terminal reports "payment_terminal")."""
    import re

    from kiosk.devices.printer.driver import COMPONENT as PRINTER
    from kiosk.devices.terminal.driver import COMPONENT as TERMINAL
    from kiosk.health.assistance import COMPONENT as ASSISTANCE
    from sandbox.metrics import CONNECTIVITY, OUTBOX, QUEUE

    reported = {PRINTER, TERMINAL, ASSISTANCE, CONNECTIVITY, OUTBOX, QUEUE}
    rules = (MONITORING / "kiosk-alerts.yml").read_text(encoding="utf-8")
    named = set(re.findall(r'component="([a-z_]+)"', rules))
    assert named
    assert named <= reported, named - reported
