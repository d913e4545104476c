#!/usr/bin/env bash
# Makes sure the system libraries Qt's wheels link against are present.
# PySide6 wheels bundle Qt itself but not libEGL/libGL/fontconfig/xkbcommon (and xcb for
# a real display). On a machine that lacks them: as root with apt-get we install them,
# otherwise we print the one command to run. Called by the Makefile after the venv.
set -euo pipefail
venv=${1:-.venv}
qt=$("$venv/bin/python" -c 'import PySide6, os; print(os.path.dirname(PySide6.__file__))')
missing=$( { ldd "$qt/Qt/lib/libQt6Gui.so.6"; ldd "$qt/Qt/lib/libQt6Widgets.so.6";
             ldd "$qt/Qt/plugins/platforms/libqoffscreen.so"; } 2>/dev/null \
           | awk '/not found/ {print $1}' | sort -u)
[ -z "$missing" ] && exit 0
packages="libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 libfreetype6"
echo "Qt needs system libraries that are missing: $(echo $missing | tr '\n' ' ')"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages
else
    echo "Install them with: sudo apt-get install $packages" >&2
    exit 1
fi
