"""Shared fixtures. Qt runs offscreen; each part's fixtures live in tests/fixtures/."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.fixtures.sandbox", "tests.fixtures.kiosk", "tests.fixtures.browser",
                  "tests.fixtures.display"]
