#!/usr/bin/env bash
# Turns a Debian 12 (or Ubuntu 24.04) machine into an Al-Ahsa self-service kiosk.
#
# Run as root from a checkout of this repository; run it again to update, with
# --rollback to go back to the release before, with --uninstall to remove the kiosk.
# Every run reports each file it manages as created, updated or unchanged, and each
# command it runs; a second run with the same options changes nothing.
#
# What it sets up:
#   - Debian packages: cage (and Xwayland, which it needs to start), python3 and
#     python3-venv, logind's PAM module and D-Bus, Mesa, unattended-upgrades,
#     systemd-timesyncd; then the system libraries Qt's
#     Wayland and xcb platforms need, found by scripts/ensure_qt_libs.sh in the new venv.
#   - A locked system user `kiosk` (no password, no sudo, shell /usr/sbin/nologin:
#     systemd starts the compositor directly, nothing ever logs in as kiosk).
#   - The app in /opt/kiosk/releases/VERSION-HASH (a copy of the checkout and a venv
#     with it installed), /opt/kiosk/current pointing at it and /opt/kiosk/previous at
#     the release before (--rollback swaps the two).
#   - /etc/kiosk/kiosk.toml from config/kiosk.example.toml on the first install only
#     (root:kiosk 0640), pointing at the udev names below; /var/lib/kiosk (kiosk, 0700).
#   - kiosk.service: cage on tty1 the way cage's wiki starts it from systemd (TTYPath,
#     a PAM service of its own for a logind session, Conflicts=getty@tty1, utmp),
#     Type=notify with a watchdog the app feeds from its event loop, Restart=always
#     within a start limit, and sandboxing that leaves the compositor its devices.
#   - udev rules: /dev/kiosk-printer and /dev/kiosk-terminal by USB vendor:product,
#     group kiosk, mode 0660; journald size limits; security-only automatic updates;
#     time synchronisation (receipts carry the time); no login prompt on any VT.
#
# Why cage and not weston's kiosk shell: cage runs exactly one application fullscreen and
# exits when it exits, so systemd sees the kiosk's death as the service's and restarts
# both, and nothing (no desktop, no panel, no second client) is ever behind it. It has no
# keyboard shortcuts to close or switch anything, VT switching is off unless asked for
# (-s), and it draws no cursor without a pointing device. Its whole configuration is a
# command line, in Debian as the package `cage`. Weston's kiosk shell also works, but
# brings a weston.ini, its own key bindings (Ctrl+Alt+Backspace ends weston unless
# turned off) and a desktop compositor's features to keep switched off.
#
# Usage: install_kiosk.sh [options]
#   --printer-usb VID:PID   the receipt printer's USB ids (lsusb): /dev/kiosk-printer
#   --terminal-usb VID:PID  the card terminal's USB-serial ids: /dev/kiosk-terminal
#   --rotate DEGREES        turn the screen 90, 180 or 270 degrees clockwise (portrait)
#   --source DIR            the checkout to install (default: the one holding this script)
#   --rollback              make the previous release current again, and restart
#   --uninstall             remove the kiosk; keeps /etc/kiosk and /var/lib/kiosk
#   --purge                 with --uninstall: also remove those and the kiosk user
#   --root DIR              write the whole tree under DIR and run no apt, user,
#                           systemctl or udevadm command (they are printed as not-run)
#   --dry-run               print what would change and change nothing
#   -h, --help              this text
# Exit status: 0 done, 1 failed, 2 bad options.
set -euo pipefail

readonly PROG=install_kiosk.sh
readonly UNIT=kiosk.service
readonly USER_NAME=kiosk
readonly APP_DIR=/opt/kiosk
readonly CONFIG_DIR=/etc/kiosk
readonly STATE_DIR=/var/lib/kiosk
readonly CACHE_DIR=/var/cache/kiosk
# The packages the kiosk needs from Debian. The Qt libraries are not listed here:
# scripts/ensure_qt_libs.sh finds them with ldd in the installed PySide6. Debian 12's
# cage 0.1.4 exits at start ("Cannot create XWayland server") without the Xwayland
# binary, which its package does not pull in; the kiosk itself never uses X.
readonly PACKAGES=(cage xwayland python3 python3-venv dbus libpam-systemd libgl1-mesa-dri udev
                   procps unattended-upgrades systemd-timesyncd)
# What a release copies from the checkout: the packages, and the assets beside them
# that the code finds relative to itself (which is why the app is not installed as a
# wheel: the fonts, icons and translations are not package data).
readonly SOURCE_PARTS=(pyproject.toml README.md kiosk sandbox assets config)
# The files this script owns (uninstall removes them).
readonly UNIT_FILE=/etc/systemd/system/$UNIT
readonly PAM_FILE=/etc/pam.d/kiosk
readonly PRINTER_RULES=/etc/udev/rules.d/70-kiosk-printer.rules
readonly TERMINAL_RULES=/etc/udev/rules.d/70-kiosk-terminal.rules
readonly JOURNALD_DROPIN=/etc/systemd/journald.conf.d/kiosk.conf
readonly LOGIND_DROPIN=/etc/systemd/logind.conf.d/kiosk.conf
readonly APT_PERIODIC=/etc/apt/apt.conf.d/21kiosk-auto-upgrades
readonly APT_ORIGINS=/etc/apt/apt.conf.d/52kiosk-unattended-upgrades
readonly CONFIG_FILE=$CONFIG_DIR/kiosk.toml

usage() { sed -n '/^# Usage:/,/^# Exit status/p' "$0" | sed 's/^# \{0,1\}//'; }

bad_option() {
    echo "$PROG: $1 (see --help)" >&2
    exit 2
}

fail() {
    echo "$PROG: $1" >&2
    exit 1
}

root=""
dry_run=0
action=install
purge=0
printer_usb=""
terminal_usb=""
rotate=0
source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usb_ids() {  # usb_ids OPTION VALUE: lower-case vvvv:pppp, as udev's ATTRS hold them
    [[ "$2" =~ ^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$ ]] ||
        bad_option "$1 takes VENDOR:PRODUCT as four hex digits each (lsusb shows them), not '$2'"
    printf '%s' "${2,,}"
}

while [ "$#" -gt 0 ]; do
    value=""
    case "$1" in
        --printer-usb|--terminal-usb|--rotate|--source|--root)
            if [ "$#" -lt 2 ] || [ -z "$2" ] || [ "${2#-}" != "$2" ]; then
                bad_option "$1 needs a value"
            fi
            value=$2 ;;
    esac
    case "$1" in
        --printer-usb) printer_usb=$(usb_ids "$1" "$value") ;;
        --terminal-usb) terminal_usb=$(usb_ids "$1" "$value") ;;
        --rotate)
            case "$value" in
                0|90|180|270) rotate=$value ;;
                *) bad_option "--rotate takes 0, 90, 180 or 270, not '$value'" ;;
            esac ;;
        --source) source_dir=$value ;;
        --root) root=$value ;;
        --rollback|--uninstall)
            [ "$action" = install ] || bad_option "$1 and --$action exclude each other"
            action=${1#--} ;;
        --purge) purge=1 ;;
        --dry-run) dry_run=1 ;;
        -h|--help) usage; exit 0 ;;
        *) bad_option "unknown option '$1'" ;;
    esac
    shift
    if [ -n "$value" ]; then shift; fi
done

[ "$purge" = 0 ] || [ "$action" = uninstall ] || bad_option "--purge goes with --uninstall"
if [ -n "$root" ]; then
    root=$(realpath -m -- "$root")
    [ "$root" != / ] || bad_option "--root / is the running system: leave --root out"
    if [ "$dry_run" = 0 ]; then
        mkdir -p -- "$root" 2>/dev/null || bad_option "--root $root cannot be created"
    fi
fi
if [ "$action" = install ]; then
    if [ ! -f "$source_dir/pyproject.toml" ] || [ ! -d "$source_dir/kiosk" ]; then
        bad_option "--source $source_dir is not a checkout of the kiosk (no pyproject.toml and kiosk/)"
    fi
    source_dir=$(cd -- "$source_dir" && pwd)
fi
if [ -z "$root" ] && [ "$dry_run" = 0 ] && [ "$(id -u)" != 0 ]; then
    fail "run as root (or try it with --dry-run, or into a folder with --root DIR)"
fi

umask 022
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

# ---- reporting and doing ---------------------------------------------------------------
# One line per file or command: STATUS MODE OWNER PATH, or STATUS COMMAND. The owner is
# the intended one; under --root nothing is chowned (the kiosk user does not exist there).

report() { printf '%-12s %s\n' "$1" "$2"; }

would() {  # would STATUS: the word for a change, prefixed under --dry-run
    if [ "$dry_run" = 1 ]; then printf 'would-%s' "$1"; else printf '%s' "$1"; fi
}

real() { [ -z "$root" ] && [ "$dry_run" = 0 ]; }

# Runs a command on the real system; prints it instead under --root or --dry-run.
run() {
    local line="" arg
    for arg in "$@"; do
        if [[ "$arg" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
            line+=" $arg"
        else
            line+=" ${arg@Q}"
        fi
    done
    line=${line# }
    if [ "$dry_run" = 1 ]; then
        report would-run "$line"
    elif [ -n "$root" ]; then
        report not-run "$line"
    else
        report run "$line"
        "$@"
    fi
}

# Whether PATH (under root) has MODE and, on the real system, OWNER.
has_mode_owner() {
    local target=$root$1 mode=$2 owner=$3
    [ "$((8#$(stat -c %a -- "$target")))" = "$((8#$mode))" ] || return 1
    [ -n "$root" ] || [ "$(stat -c %U:%G -- "$target")" = "$owner" ]
}

set_mode_owner() {
    chmod "$2" -- "$root$1"
    if [ -z "$root" ]; then chown "$3" -- "$1"; fi
}

changed=()   # the paths this run created, updated or removed

# put PATH MODE OWNER < content: writes a file atomically if it differs.
put() {
    local path=$1 mode=$2 owner=$3 target=$root$1 status
    local new=$work/new
    cat > "$new"
    if [ ! -e "$target" ]; then
        status=created
    elif ! cmp -s -- "$new" "$target" || ! has_mode_owner "$path" "$mode" "$owner"; then
        status=updated
    else
        report unchanged "$mode $owner $path"
        return 0
    fi
    report "$(would "$status")" "$mode $owner $path"
    [ "$dry_run" = 1 ] && return 0
    mkdir -p -- "$(dirname -- "$target")"
    cp -- "$new" "$target.kiosk-new"
    set_mode_owner "${path}.kiosk-new" "$mode" "$owner"
    mv -f -- "$target.kiosk-new" "$target"
    changed+=("$path")
}

# keep PATH MODE OWNER: a file that is never rewritten once there; its mode is kept right.
keep() {
    local path=$1 mode=$2 owner=$3
    if has_mode_owner "$path" "$mode" "$owner"; then
        report unchanged "$mode $owner $path (kept as it is)"
        return 0
    fi
    report "$(would updated)" "$mode $owner $path (mode and owner only)"
    [ "$dry_run" = 1 ] && return 0
    set_mode_owner "$path" "$mode" "$owner"
    changed+=("$path")
}

# folder PATH MODE OWNER
folder() {
    local path=$1 mode=$2 owner=$3 status
    if [ ! -d "$root$path" ]; then
        status=created
    elif ! has_mode_owner "$path" "$mode" "$owner"; then
        status=updated
    else
        report unchanged "$mode $owner $path/"
        return 0
    fi
    report "$(would "$status")" "$mode $owner $path/"
    [ "$dry_run" = 1 ] && return 0
    mkdir -p -- "$root$path"
    set_mode_owner "$path" "$mode" "$owner"
    changed+=("$path")
}

# link PATH TARGET: a symbolic link, replaced atomically.
link() {
    local path=$1 target=$2
    if [ -L "$root$path" ] && [ "$(readlink -- "$root$path")" = "$target" ]; then
        report unchanged "link root:root $path -> $target"
        return 0
    fi
    local status=updated
    if [ ! -L "$root$path" ]; then status=created; fi
    report "$(would "$status")" "link root:root $path -> $target"
    [ "$dry_run" = 1 ] && return 0
    ln -sfn -- "$target" "$root$path.kiosk-new"
    mv -fT -- "$root$path.kiosk-new" "$root$path"
    changed+=("$path")
}

# remove PATH: a file, link or folder, if there.
remove() {
    local path=$1
    if [ ! -e "$root$path" ] && [ ! -L "$root$path" ]; then
        report absent "$path"
        return 0
    fi
    report "$(would removed)" "$path"
    [ "$dry_run" = 1 ] && return 0
    rm -rf -- "$root$path"
    changed+=("$path")
}

did_change() {  # did_change PATH...: whether this run created, updated or removed one
    local path one
    for path in "$@"; do
        for one in "${changed[@]}"; do
            if [ "$one" = "$path" ]; then return 0; fi
        done
    done
    return 1
}

# ---- the system's side: packages, the user, systemd ------------------------------------

packages() {
    local missing=() package
    if [ -n "$root" ]; then
        run apt-get update
        run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            "${PACKAGES[@]}"
        return 0
    fi
    for package in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$package")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        report unchanged "packages ${PACKAGES[*]}"
        return 0
    fi
    run apt-get update
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        "${missing[@]}"
}

kiosk_user() {
    local groups=() group
    if [ -n "$root" ] || ! getent passwd "$USER_NAME" >/dev/null; then
        run useradd --system --user-group --home-dir "$STATE_DIR" --no-create-home \
            --shell /usr/sbin/nologin --comment "Al-Ahsa self-service kiosk" "$USER_NAME"
    else
        report unchanged "user $USER_NAME"
    fi
    # The render node (Mesa, in the app) and the GPU; logind's seat ACLs grant them to
    # the active session too, the groups keep them when the session is not (yet) active.
    for group in video render; do
        if [ -n "$root" ]; then
            groups+=("$group")
        elif getent group "$group" >/dev/null &&
                ! id -nG "$USER_NAME" 2>/dev/null | tr ' ' '\n' | grep -qx "$group"; then
            groups+=("$group")
        fi
    done
    if [ "${#groups[@]}" -gt 0 ]; then
        run usermod --append --groups "$(IFS=,; echo "${groups[*]}")" "$USER_NAME"
    fi
    if [ -n "$root" ] || [ "$(passwd --status "$USER_NAME" 2>/dev/null | cut -d' ' -f2)" != L ]
    then
        run passwd --lock "$USER_NAME"
    fi
    for group in sudo wheel admin; do
        if [ -z "$root" ] && id -nG "$USER_NAME" 2>/dev/null | tr ' ' '\n' | grep -qx "$group"
        then
            run gpasswd --delete "$USER_NAME" "$group"
        fi
    done
}

# enable UNIT [--now]: enables a unit unless it already is (under --root systemd cannot
# be asked: the command is printed).
enable() {
    if [ -z "$root" ] && systemctl is-enabled --quiet "$1" 2>/dev/null; then
        report unchanged "$1 enabled"
        return 0
    fi
    run systemctl enable "${@:2}" "$1"
}

# ---- what is written -------------------------------------------------------------------

unit_text() {
    local cage_options=(-d) turns
    for ((turns = rotate / 90; turns > 0; turns--)); do cage_options+=(-r); done
    cat <<EOF
# The Al-Ahsa self-service kiosk: cage on tty1 with the kiosk app as its only client.
# Written by scripts/install_kiosk.sh; a re-run rewrites it.
# Modelled on cage's own "Starting Cage on boot with systemd" unit (cage@.service).

[Unit]
Description=Al-Ahsa self-service kiosk (cage on tty1)
After=systemd-user-sessions.service plymouth-quit-wait.service
After=dbus.socket systemd-logind.service getty@tty1.service
Wants=dbus.socket systemd-logind.service
Before=graphical.target
# The kiosk takes the console: no login prompt on tty1 while it runs.
Conflicts=getty@tty1.service
ConditionPathExists=/dev/tty0
# Restart=always, but a kiosk that cannot start ten times in ten minutes stays down
# (and says so to the fleet's monitoring) instead of flickering forever.
StartLimitIntervalSec=600
StartLimitBurst=10

[Service]
# The app says READY=1 once Home is painted and WATCHDOG=1 from its event loop; it is
# cage's child, not the main process, hence NotifyAccess=all. A frozen screen stops the
# pings and systemd restarts the whole service.
Type=notify
NotifyAccess=all
WatchdogSec=20
TimeoutStartSec=90
# Long enough for a clean stop (the session wiped, the outbox closed).
TimeoutStopSec=15
Restart=always
RestartSec=2

User=$USER_NAME
Group=$USER_NAME
PAMName=kiosk
TTYPath=/dev/tty1
TTYReset=yes
TTYVHangup=yes
TTYVTDisallocate=yes
StandardInput=tty-fail
StandardOutput=journal
StandardError=journal
# Shows the kiosk in 'w' and 'who', as getty's logins would.
UtmpIdentifier=tty1
UtmpMode=user

Environment=XDG_SESSION_TYPE=wayland
Environment=QT_QPA_PLATFORM=wayland
Environment=QT_WAYLAND_DISABLE_WINDOWDECORATION=1
Environment=KIOSK_CONFIG=$CONFIG_FILE
Environment=XDG_CACHE_HOME=$CACHE_DIR
WorkingDirectory=$STATE_DIR
StateDirectory=kiosk
StateDirectoryMode=0700
CacheDirectory=kiosk
CacheDirectoryMode=0700
UMask=0077
# cage 0.1.4: -d no client-side decorations; no -s, so no VT switching; -r per 90
# degrees. cage exits when the app does, and systemd restarts both. systemd gives
# WATCHDOG_PID the main process (cage); the app is the one that pings, so env drops it.
ExecStart=/usr/bin/cage ${cage_options[*]} -- /usr/bin/env -u WATCHDOG_PID $APP_DIR/current/bin/kiosk run
# A stop asks the app first and waits for cage to follow it out: cage, told to stop,
# would drop the app's Wayland connection at once and Qt would end the app mid-way.
# Whatever is still running when this returns gets SIGTERM, then SIGKILL.
ExecStop=-/bin/sh -c 'pkill --signal TERM --parent "\$\$MAINPID"; while kill -0 "\$\$MAINPID" 2>/dev/null; do sleep 0.2; done'
KillMode=control-group

# Sandboxing (checked with 'systemd-analyze security kiosk.service'). What is left out
# on purpose: PrivateDevices (cage and the app open the GPU, input, the printer and the
# terminal, some of them hot-plugged), ProtectClock (it implies DeviceAllow=char-rtc,
# which closes every other device), MemoryDenyWriteExecute (Mesa's shader compilers
# write code at run time), PrivateUsers and PrivateNetwork (logind session, the API).
# On systemd 252 several Protect* options and the filters below imply NoNewPrivileges:
# set here outright, since nothing in the kiosk needs setuid.
NoNewPrivileges=yes
CapabilityBoundingSet=
ProtectSystem=strict
# XDG_RUNTIME_DIR (/run/user/UID), where cage puts its Wayland socket.
ReadWritePaths=-/run/user
ProtectHome=yes
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectHostname=yes
ProtectProc=invisible
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
RemoveIPC=yes
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK

[Install]
WantedBy=graphical.target
EOF
}

pam_text() {
    cat <<'EOF'
# PAM service of kiosk.service (PAMName=kiosk): systemd opens a logind session on tty1
# for the kiosk user, so cage may take the screen and input devices through logind.
# Nobody authenticates through it: systemd never asks for a password here.
auth     required pam_deny.so
account  required pam_unix.so
session  required pam_unix.so
session  required pam_systemd.so
EOF
}

printer_rules_text() {
    local vendor=${printer_usb%%:*} product=${printer_usb##*:}
    cat <<EOF
# The receipt printer ($printer_usb), written by scripts/install_kiosk.sh --printer-usb.
# USB printer class (usblp): /dev/kiosk-printer, the kiosk's printer.connection.
SUBSYSTEM=="usbmisc", KERNEL=="lp[0-9]*", ATTRS{idVendor}=="$vendor", ATTRS{idProduct}=="$product", SYMLINK+="kiosk-printer", GROUP="kiosk", MODE="0660"
# The raw USB device, for a printer driven as usb://$printer_usb instead.
SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", ATTR{idVendor}=="$vendor", ATTR{idProduct}=="$product", GROUP="kiosk", MODE="0660"
EOF
}

terminal_rules_text() {
    local vendor=${terminal_usb%%:*} product=${terminal_usb##*:}
    cat <<EOF
# The card payment terminal ($terminal_usb), written by scripts/install_kiosk.sh
# --terminal-usb: its USB-serial port is /dev/kiosk-terminal, the kiosk's terminal.port.
SUBSYSTEM=="tty", ATTRS{idVendor}=="$vendor", ATTRS{idProduct}=="$product", SYMLINK+="kiosk-terminal", GROUP="kiosk", MODE="0660"
EOF
}

journald_text() {
    cat <<'EOF'
# The kiosk's logs survive a reboot and never fill the disk (scripts/install_kiosk.sh).
[Journal]
Storage=persistent
SystemMaxUse=200M
SystemKeepFree=1G
SystemMaxFileSize=20M
RuntimeMaxUse=50M
MaxRetentionSec=3month
EOF
}

logind_text() {
    cat <<'EOF'
# Nothing behind the kiosk: no login prompt is spawned on any other virtual terminal
# (scripts/install_kiosk.sh). Takes effect at the next boot.
[Login]
NAutoVTs=0
ReserveVT=0
EOF
}

apt_periodic_text() {
    cat <<'EOF'
// Daily package lists and unattended upgrades (scripts/install_kiosk.sh).
APT::Periodic::Update-Package-Lists "1";
APT::Periodic::Unattended-Upgrade "1";
APT::Periodic::AutocleanInterval "7";
EOF
}

apt_origins_text() {
    cat <<'EOF'
// Security updates only (scripts/install_kiosk.sh): the distribution's own lists in
// 50unattended-upgrades are cleared first, so point releases wait for a technician.
#clear Unattended-Upgrade::Origins-Pattern;
#clear Unattended-Upgrade::Allowed-Origins;
Unattended-Upgrade::Origins-Pattern {
        "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";
        "origin=Ubuntu,archive=${distro_codename}-security";
};
Unattended-Upgrade::Automatic-Reboot "false";
EOF
}

# The example configuration, pointed at the udev names of the devices given.
config_text() {
    local printer="" terminal=""
    [ -z "$printer_usb" ] || printer="file:///dev/kiosk-printer"
    [ -z "$terminal_usb" ] || terminal="/dev/kiosk-terminal"
    awk -v printer="$printer" -v terminal="$terminal" -v data="$STATE_DIR" '
        /^\[/ { section = $0 }
        section == "[printer]" && printer != "" && /^connection = / {
            print "connection = \"" printer "\""; next }
        section == "[terminal]" && terminal != "" && /^port = / {
            print "port = \"" terminal "\""; next }
        section == "[storage]" && /^data_dir = / { print "data_dir = \"" data "\""; next }
        { print }
    ' "$source_dir/config/kiosk.example.toml"
}

# ---- the app's releases ----------------------------------------------------------------

source_files() {  # NUL-separated, sorted: the files a release is made of
    (cd -- "$source_dir" && find "${SOURCE_PARTS[@]}" -type f ! -path '*/__pycache__/*' \
        ! -name '*.pyc' ! -path '*.egg-info/*' -print0 | LC_ALL=C sort -z)
}

release_id() {
    local version digest
    version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$source_dir/pyproject.toml" | head -n 1)
    [ -n "$version" ] || fail "no version in $source_dir/pyproject.toml"
    digest=$(source_files | (cd -- "$source_dir" && xargs -0 sha256sum) | sha256sum)
    printf '%s-%s' "$version" "${digest:0:12}"
}

install_release() {
    local id release current
    id=$(release_id)
    release=$APP_DIR/releases/$id
    if [ -f "$root$release/.complete" ]; then
        report unchanged "0755 root:root $release/"
    else
        # A release left half-built by an interrupted run is built again from scratch.
        if [ -e "$root$release" ]; then remove "$release"; fi
        report "$(would created)" "0755 root:root $release/"
        if [ "$dry_run" = 0 ]; then
            mkdir -p -- "$root$release/src"
            source_files | (cd -- "$source_dir" && tar --null -T - -cf -) |
                tar -xf - -C "$root$release/src"
            changed+=("$release")
        fi
        run python3 -m venv "$release/venv"
        run "$release/venv/bin/pip" install --no-cache-dir --disable-pip-version-check \
            --editable "$release/src"
        run "$release/venv/bin/python" -m compileall -q "$release/src/kiosk" \
            "$release/src/sandbox"
        run bash "$source_dir/scripts/ensure_qt_libs.sh" --all-platforms "$release/venv"
        if [ "$dry_run" = 0 ]; then
            ln -sfn -- venv/bin "$root$release/bin"
            printf '%s\n' "$id" > "$root$release/.complete"
        fi
    fi
    current=$(readlink -- "$root$APP_DIR/current" 2>/dev/null || true)
    if [ "$current" != "releases/$id" ]; then
        if [ -n "$current" ]; then link "$APP_DIR/previous" "$current"; fi
        link "$APP_DIR/current" "releases/$id"
    else
        report unchanged "link root:root $APP_DIR/current -> releases/$id"
    fi
    prune_releases
}

# Only the current release and the one before stay (a venv with Qt is large).
prune_releases() {
    local keep_current keep_previous entry name
    keep_current=$(readlink -- "$root$APP_DIR/current" 2>/dev/null || true)
    keep_previous=$(readlink -- "$root$APP_DIR/previous" 2>/dev/null || true)
    [ -d "$root$APP_DIR/releases" ] || return 0
    for entry in "$root$APP_DIR/releases"/*; do
        [ -e "$entry" ] || continue
        name=releases/${entry##*/}
        if [ "$name" != "$keep_current" ] && [ "$name" != "$keep_previous" ]; then
            remove "$APP_DIR/$name"
        fi
    done
}

rollback() {
    local current previous
    current=$(readlink -- "$root$APP_DIR/current" 2>/dev/null || true)
    previous=$(readlink -- "$root$APP_DIR/previous" 2>/dev/null || true)
    [ -n "$current" ] || fail "no kiosk installed under $root$APP_DIR"
    if [ -z "$previous" ] || [ ! -f "$root$APP_DIR/$previous/.complete" ]; then
        fail "no previous release to roll back to (only $current)"
    fi
    link "$APP_DIR/current" "$previous"
    link "$APP_DIR/previous" "$current"
    run systemctl try-restart "$UNIT"
}

# ---- the three actions -----------------------------------------------------------------

install_kiosk() {
    packages
    kiosk_user
    folder "$APP_DIR" 0755 root:root
    folder "$APP_DIR/releases" 0755 root:root
    folder "$CONFIG_DIR" 0750 "root:$USER_NAME"
    folder "$STATE_DIR" 0700 "$USER_NAME:$USER_NAME"
    local had_release
    had_release=$(readlink -- "$root$APP_DIR/current" 2>/dev/null || true)
    install_release
    if [ -e "$root$CONFIG_FILE" ]; then
        keep "$CONFIG_FILE" 0640 "root:$USER_NAME"
    else
        [ -n "$printer_usb" ] ||
            echo "$PROG: no --printer-usb: $CONFIG_FILE keeps the example's printer" >&2
        [ -n "$terminal_usb" ] ||
            echo "$PROG: no --terminal-usb: $CONFIG_FILE keeps the example's terminal" >&2
        put "$CONFIG_FILE" 0640 "root:$USER_NAME" < <(config_text)
    fi
    put "$UNIT_FILE" 0644 root:root < <(unit_text)
    put "$PAM_FILE" 0644 root:root < <(pam_text)
    if [ -n "$printer_usb" ]; then
        put "$PRINTER_RULES" 0644 root:root < <(printer_rules_text)
    fi
    if [ -n "$terminal_usb" ]; then
        put "$TERMINAL_RULES" 0644 root:root < <(terminal_rules_text)
    fi
    put "$JOURNALD_DROPIN" 0644 root:root < <(journald_text)
    put "$LOGIND_DROPIN" 0644 root:root < <(logind_text)
    put "$APT_PERIODIC" 0644 root:root < <(apt_periodic_text)
    put "$APT_ORIGINS" 0644 root:root < <(apt_origins_text)

    if did_change "$UNIT_FILE"; then run systemctl daemon-reload; fi
    if did_change "$JOURNALD_DROPIN"; then run systemctl restart systemd-journald.service; fi
    if did_change "$PRINTER_RULES" "$TERMINAL_RULES"; then
        run udevadm control --reload
        run udevadm trigger --action=add --subsystem-match=usbmisc --subsystem-match=usb \
            --subsystem-match=tty
    fi
    enable systemd-timesyncd.service --now
    enable "$UNIT"
    # getty@tty1 would race the kiosk for the console at boot.
    if [ -n "$root" ] || systemctl is-enabled --quiet getty@tty1.service 2>/dev/null; then
        run systemctl disable getty@tty1.service
    fi
    if [ -n "$root" ] || [ "$(systemctl get-default 2>/dev/null)" != graphical.target ]; then
        run systemctl set-default graphical.target
    fi
    if [ -n "$had_release" ] && did_change "$APP_DIR/current"; then
        # An update: a running kiosk moves to the new release now (a stopped one at boot).
        run systemctl try-restart "$UNIT"
    fi
    if [ -z "$had_release" ] && real; then
        echo "Installed. Enrol the kiosk (kiosk enrol), then reboot: it starts on tty1."
    fi
}

uninstall_kiosk() {
    if [ -n "$root" ] || [ -e "$UNIT_FILE" ]; then run systemctl disable --now "$UNIT"; fi
    local path
    for path in "$UNIT_FILE" "$PAM_FILE" "$PRINTER_RULES" "$TERMINAL_RULES" \
            "$JOURNALD_DROPIN" "$LOGIND_DROPIN" "$APT_PERIODIC" "$APT_ORIGINS" \
            "$APP_DIR" "$CACHE_DIR"; do
        remove "$path"
    done
    if [ "$purge" = 1 ]; then
        remove "$CONFIG_DIR"
        remove "$STATE_DIR"
        if [ -n "$root" ] || getent passwd "$USER_NAME" >/dev/null; then
            run userdel "$USER_NAME"
        fi
    else
        report kept "$CONFIG_DIR/ (configuration; --purge removes it)"
        report kept "$STATE_DIR/ (enrolment and outbox; --purge removes it)"
    fi
    if did_change "$UNIT_FILE"; then run systemctl daemon-reload; fi
    if did_change "$JOURNALD_DROPIN"; then run systemctl restart systemd-journald.service; fi
    if did_change "$PRINTER_RULES" "$TERMINAL_RULES"; then run udevadm control --reload; fi
    if did_change "$UNIT_FILE"; then run systemctl enable getty@tty1.service; fi
    report kept "packages ${PACKAGES[*]} (apt-get remove them if nothing else needs them)"
}

case "$action" in
    install) install_kiosk ;;
    rollback) rollback ;;
    uninstall) uninstall_kiosk ;;
esac
