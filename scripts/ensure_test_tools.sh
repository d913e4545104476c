#!/usr/bin/env bash
# Makes sure the system tools the test suite drives are present:
# - Debian's chromium, the real headless browser the verification-page tests
#   (tests/sandbox/test_pages.py) open;
# - Xvfb (package xvfb) and xwininfo (x11-utils): tests/test_demo.py runs the real demo on
#   a virtual X display and reads its window from the X server;
# - shellcheck, which `make lint` runs over every shell script;
# - cage, the kiosk's compositor: tests/scripts/test_install_kiosk.py has
#   `systemd-analyze verify` check the unit scripts/install_kiosk.sh writes, and verify
#   wants the binary its ExecStart names; tests/scripts/test_kiosk_under_cage.py runs the
#   real kiosk under cage's headless output;
# - grim, which takes that test's screenshot through the compositor (wlr-screencopy),
#   and Xwayland, without which Debian 12's cage 0.1.4 will not start;
# - prometheus (prometheus, promtool) and prometheus-alertmanager (its binary has the
#   package's name; amtool):
#   tests/monitoring/ checks config/monitoring/ with promtool and amtool and runs the
#   real stack (Prometheus scraping the sandbox, Alertmanager notifying a webhook).
# As root with apt-get we install what is missing (one `apt-get update` first); otherwise
# we print what is missing and the command to run, and the tests that need them skip with
# that reason. Called by the Makefile's `test` and `lint` targets.
set -euo pipefail

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v Xvfb >/dev/null 2>&1 || packages+=(xvfb)
command -v xwininfo >/dev/null 2>&1 || packages+=(x11-utils)
command -v shellcheck >/dev/null 2>&1 || packages+=(shellcheck)
command -v cage >/dev/null 2>&1 || packages+=(cage)
{ command -v prometheus && command -v promtool; } >/dev/null 2>&1 || packages+=(prometheus)
{ command -v prometheus-alertmanager && command -v amtool; } >/dev/null 2>&1 \
    || packages+=(prometheus-alertmanager)
command -v grim >/dev/null 2>&1 || packages+=(grim)
# Debian 12's cage 0.1.4 will not start without Xwayland (and its package does not pull it in).
command -v Xwayland >/dev/null 2>&1 || packages+=(xwayland)

if [ "${#packages[@]}" -eq 0 ]; then
    exit 0
fi
echo "Test tools missing: ${packages[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${packages[@]}"
else
    echo "Install them with: sudo apt-get install ${packages[*]}" >&2
    echo "(the tests that need them are skipped until then)" >&2
fi
