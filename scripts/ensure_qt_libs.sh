#!/usr/bin/env bash
# Makes sure the system libraries Qt's platform plugins link against are present.
#
# PySide6 wheels bundle Qt itself but not the system libraries under it: libEGL/libGL,
# fontconfig, xkbcommon, and for a real display the xcb (X11) or wayland client
# libraries. Which of those are needed depends on the platform plugin Qt will load:
#   QT_QPA_PLATFORM if set (e.g. "xcb", "wayland;xcb"), else xcb when DISPLAY is set and
#   wayland when WAYLAND_DISPLAY is set. offscreen (the tests, the screenshot tour and a
#   demo without a display) is always checked.
# `--all-platforms` checks xcb, wayland and offscreen whatever the environment says (for
# an image that will later run on a desktop).
#
# We run `ldd` on each plugin in the venv's PySide6 (it resolves the whole dependency
# tree) and collect the libraries it cannot find. As root on Debian/Ubuntu we install the
# packages that provide them; otherwise we print the one command to run and exit 1.
#
#   bash scripts/ensure_qt_libs.sh [--all-platforms] [VENV]     (VENV defaults to .venv)
#
# Called by the Makefile after building the venv and before `make demo`.
set -euo pipefail

all_platforms=0
venv=.venv
for arg in "$@"; do
    case "$arg" in
        --all-platforms) all_platforms=1 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "ensure_qt_libs.sh: unknown option $arg" >&2; exit 2 ;;
        *) venv=$arg ;;
    esac
done

if ! qt=$("$venv/bin/python" -c \
        'import os, PySide6; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt"))' \
        2>/dev/null); then
    echo "ensure_qt_libs.sh: no PySide6 in $venv (run \`make venv\` first)" >&2
    exit 2
fi

# The platforms to check, from the environment the way Qt itself chooses.
platforms=(offscreen)
if [ "$all_platforms" = 1 ]; then
    platforms+=(xcb wayland)
elif [ -n "${QT_QPA_PLATFORM:-}" ]; then
    # "wayland;xcb" is a list of fallbacks; "xcb:option=value" carries plugin options.
    IFS=';' read -r -a wanted <<< "$QT_QPA_PLATFORM"
    for platform in "${wanted[@]}"; do
        platforms+=("${platform%%:*}")
    done
else
    [ -n "${DISPLAY:-}" ] && platforms+=(xcb)
    [ -n "${WAYLAND_DISPLAY:-}" ] && platforms+=(wayland)
fi

# The plugin files each platform loads, relative to $qt.
plugin_files() {
    case "$1" in
        offscreen) echo plugins/platforms/libqoffscreen.so ;;
        xcb) echo plugins/platforms/libqxcb.so ;;
        # A Wayland window also needs a shell integration: xdg-shell on every desktop.
        wayland) echo plugins/platforms/libqwayland.so \
                      plugins/wayland-shell-integration/libxdg-shell.so ;;
        minimal) echo plugins/platforms/libqminimal.so ;;
        eglfs) echo plugins/platforms/libqeglfs.so ;;
        linuxfb) echo plugins/platforms/libqlinuxfb.so ;;
        vnc) echo plugins/platforms/libqvnc.so ;;
        *) return 1 ;;
    esac
}

# The Debian package that ships a library (names as `ldd` prints them).
package_of() {
    case "$1" in
        libxcb-cursor.so.*) echo libxcb-cursor0 ;;
        libxcb-icccm.so.*) echo libxcb-icccm4 ;;
        libxcb-image.so.*) echo libxcb-image0 ;;
        libxcb-keysyms.so.*) echo libxcb-keysyms1 ;;
        libxcb-render-util.so.*) echo libxcb-render-util0 ;;
        libxcb-util.so.*) echo libxcb-util1 ;;
        libxcb-randr.so.*) echo libxcb-randr0 ;;
        libxcb-render.so.*) echo libxcb-render0 ;;
        libxcb-shape.so.*) echo libxcb-shape0 ;;
        libxcb-shm.so.*) echo libxcb-shm0 ;;
        libxcb-sync.so.*) echo libxcb-sync1 ;;
        libxcb-xfixes.so.*) echo libxcb-xfixes0 ;;
        libxcb-xinerama.so.*) echo libxcb-xinerama0 ;;
        libxcb-xinput.so.*) echo libxcb-xinput0 ;;
        libxcb-xkb.so.*) echo libxcb-xkb1 ;;
        libxcb-glx.so.*) echo libxcb-glx0 ;;
        libxcb.so.*) echo libxcb1 ;;
        libX11-xcb.so.*) echo libx11-xcb1 ;;
        libX11.so.*) echo libx11-6 ;;
        libXau.so.*) echo libxau6 ;;
        libXdmcp.so.*) echo libxdmcp6 ;;
        libXext.so.*) echo libxext6 ;;
        libXrender.so.*) echo libxrender1 ;;
        libSM.so.*) echo libsm6 ;;
        libICE.so.*) echo libice6 ;;
        libxkbcommon-x11.so.*) echo libxkbcommon-x11-0 ;;
        libxkbcommon.so.*) echo libxkbcommon0 ;;
        libwayland-client.so.*) echo libwayland-client0 ;;
        libwayland-cursor.so.*) echo libwayland-cursor0 ;;
        libwayland-egl.so.*) echo libwayland-egl1 ;;
        libEGL.so.*) echo libegl1 ;;
        libGL.so.*) echo libgl1 ;;
        libGLX.so.*) echo libglx0 ;;
        libOpenGL.so.*) echo libopengl0 ;;
        libGLdispatch.so.*) echo libglvnd0 ;;
        libfontconfig.so.*) echo libfontconfig1 ;;
        libfreetype.so.*) echo libfreetype6 ;;
        libglib-2.0.so.*|libgthread-2.0.so.*|libgobject-2.0.so.*) echo libglib2.0-0 ;;
        libdbus-1.so.*) echo libdbus-1-3 ;;
        libexpat.so.*) echo libexpat1 ;;
        libpng16.so.*) echo libpng16-16 ;;
        libz.so.*) echo zlib1g ;;
        libzstd.so.*) echo libzstd1 ;;
        libffi.so.8) echo libffi8 ;;
        libbrotlidec.so.*|libbrotlicommon.so.*) echo libbrotli1 ;;
        libpcre2-8.so.*) echo libpcre2-8-0 ;;
        libsystemd.so.*) echo libsystemd0 ;;
        libbsd.so.*) echo libbsd0 ;;
        libmd.so.*) echo libmd0 ;;
        libcap.so.*) echo libcap2 ;;
        libgcrypt.so.*) echo libgcrypt20 ;;
        libgpg-error.so.*) echo libgpg-error0 ;;
        liblzma.so.*) echo liblzma5 ;;
        liblz4.so.*) echo liblz4-1 ;;
        *) return 1 ;;
    esac
}

missing_libs() {
    local file
    for file in "$@"; do
        # ldd lists the whole tree, so Qt's own libraries (libQt6Gui, libQt6XcbQpa,
        # libQt6WaylandClient) are covered through the plugin.
        ldd "$qt/$file" 2>/dev/null | awk '/=> not found/ {print $1}'
    done | sort -u
}

files=(lib/libQt6Widgets.so.6)
for platform in "${platforms[@]}"; do
    if found=$(plugin_files "$platform"); then
        read -r -a more <<< "$found"
        files+=("${more[@]}")
    else
        echo "ensure_qt_libs.sh: QT_QPA_PLATFORM names '$platform', which this check" \
             "does not know; checking the others" >&2
    fi
done
for file in "${files[@]}"; do
    if [ ! -e "$qt/$file" ]; then
        echo "ensure_qt_libs.sh: $qt/$file is missing: reinstall PySide6 in $venv" >&2
        exit 1
    fi
done

mapfile -t missing < <(missing_libs "${files[@]}")
[ "${#missing[@]}" -eq 0 ] && exit 0

packages=()
unknown=()
for lib in "${missing[@]}"; do
    if package=$(package_of "$lib"); then
        packages+=("$package")
    else
        unknown+=("$lib")
    fi
done
mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u | sed '/^$/d')

echo "Qt (platforms: ${platforms[*]}) needs system libraries that are missing:" \
     "${missing[*]}"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ "${#packages[@]}" -gt 0 ]
then
    apt-get update -qq
    # Debian 13 renamed some libraries for 64-bit time (libglib2.0-0t64, libpng16-16t64):
    # take the renamed package where the old name has no candidate.
    install=()
    for package in "${packages[@]}"; do
        if apt-cache show "$package" >/dev/null 2>&1; then
            install+=("$package")
        elif apt-cache show "${package}t64" >/dev/null 2>&1; then
            install+=("${package}t64")
        else
            install+=("$package")
        fi
    done
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${install[@]}"
    mapfile -t missing < <(missing_libs "${files[@]}")
    if [ "${#missing[@]}" -eq 0 ]; then
        exit 0
    fi
    echo "Still missing after installing ${install[*]}: ${missing[*]}" >&2
    echo "(find the package with: apt-file search ${missing[0]})" >&2
    exit 1
fi

if [ "${#packages[@]}" -gt 0 ]; then
    echo "Install them with: sudo apt-get install ${packages[*]}" >&2
fi
if [ "${#unknown[@]}" -gt 0 ]; then
    echo "No package known here for: ${unknown[*]}" \
         "(on Debian: apt-file search ${unknown[0]})" >&2
fi
exit 1
