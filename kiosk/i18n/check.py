"""Fails when a visible string has no hand-written Arabic, or the .qm is out of date.

Runs lupdate into a scratch copy of kiosk_ar.ts: any message that comes out unfinished or
empty is a string somebody added without translating it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.i18n.build import release, update
from kiosk.i18n.translations import QM_FILE, TS_FILE


def untranslated(ts_file: Path) -> list[str]:
    missing = []
    root = ET.parse(ts_file).getroot()  # noqa: S314 (our own .ts file, not untrusted input)
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            if translation is not None and message.get("numerus") == "yes":
                # A counted sentence: every one of Arabic's six forms must be written.
                forms = [form.text for form in translation.iter("numerusform")]
                text = "x" if len(forms) == 6 and all(forms) else None
            if translation is None or translation.get("type") == "unfinished" or not text:
                missing.append(f"{name}: {message.findtext('source', '')!r}")
    return missing


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / TS_FILE.name
        shutil.copy(TS_FILE, scratch)
        update(scratch)
        missing = untranslated(scratch)
        if scratch.read_bytes() != TS_FILE.read_bytes():
            missing.append("kiosk_ar.ts is stale: run `make translations`")
        qm = Path(tmp) / QM_FILE.name
        release(TS_FILE, qm)
        if not QM_FILE.exists() or qm.read_bytes() != QM_FILE.read_bytes():
            missing.append("kiosk_ar.qm does not match kiosk_ar.ts: run `make translations`")
    if missing:
        print("Arabic translations missing or stale:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    print("translations complete")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
