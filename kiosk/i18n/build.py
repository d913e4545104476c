"""Refreshes assets/i18n/kiosk_ar.ts from the code and compiles it to kiosk_ar.qm.

Source strings are English in the code (`QCoreApplication.translate("Context", "...")`,
or `QT_TRANSLATE_NOOP("Context", "...")` for words Qt-free code prints, see
`kiosk.i18n.translations`); the Arabic in the .ts file is written by hand and kept across
refreshes by lupdate.
Run with `make translations` after adding or changing a visible string.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.i18n.translations import QM_FILE, ROOT, TS_FILE


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"pyside6-{name} not found next to {sys.executable}")
    return found


def sources() -> list[str]:
    return sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "kiosk").rglob("*.py")
        if "QCoreApplication.translate" in path.read_text(encoding="utf-8")
        or "QT_TRANSLATE_NOOP" in path.read_text(encoding="utf-8")
    )


def update(ts_file: Path) -> None:
    subprocess.run(
        [_tool("lupdate"), "-no-obsolete", "-locations", "none", "-target-language", "ar",
         *sources(), "-ts", str(ts_file)],
        cwd=ROOT, check=True, capture_output=True,
    )


def release(ts_file: Path, qm_file: Path) -> None:
    """Compiles `ts_file` beside `qm_file`, then renames it over `qm_file`.

    A running kiosk (or test run) has the old .qm mapped into memory; writing over it in
    place would change the pages under it and crash it. A rename leaves the old file to
    whoever still holds it.
    """
    fresh = qm_file.with_name(f".{qm_file.name}.new")
    subprocess.run([_tool("lrelease"), str(ts_file), "-qm", str(fresh)],
                   cwd=ROOT, check=True, capture_output=True)
    os.replace(fresh, qm_file)


def main() -> int:
    TS_FILE.parent.mkdir(parents=True, exist_ok=True)
    update(TS_FILE)
    release(TS_FILE, QM_FILE)
    print(f"updated {TS_FILE.relative_to(ROOT)} and {QM_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
