"""Charts as inline SVG, drawn on the server: nothing to download, nothing to run, and they
print as they look on screen (SVG fills print; CSS backgrounds often do not).

Two shapes serve the pilot page: a horizontal bar for one figure beside its label (the
funnel's rows: the label and the number stay HTML, so they wrap, translate and read
aloud like text) and a column chart of a kiosk's days. Both follow the page's direction:
in Arabic a bar grows from the right and the first day stands on the right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sandbox.console.layout import Language, e

# Colours at least 3:1 against white (WCAG 1.4.11, graphical objects).
STARTED = "#4f6d7a"
COMPLETED = "#0b5c36"
_AXIS = "#767676"


def bar(value: int, maximum: int, language: Language, *, colour: str = STARTED) -> str:
    """A bar `value / maximum` of the cell's width (an empty track for 0)."""
    width = 0.0 if maximum <= 0 else 100.0 * min(value, maximum) / maximum
    x = 100.0 - width if language is Language.ARABIC else 0.0
    return (
        "<svg class='bar' viewBox='0 0 100 10' preserveAspectRatio='none' "
        "aria-hidden='true' focusable='false'>"
        "<rect width='100' height='10' fill='#e6e8e6'/>"
        f"<rect x='{x:.2f}' width='{width:.2f}' height='10' fill='{colour}'/></svg>"
    )


@dataclass(frozen=True, slots=True)
class Column:
    """One day of a kiosk: sessions, and how many journeys were completed."""

    day: date
    sessions: int
    completed: int


_HEIGHT = 120
_TOP = 16      # room for the numbers above the columns
_BOTTOM = 20   # room for the day labels
_STEP = 34     # width per day
_MARGIN = 6


def columns(days: Sequence[Column], language: Language, label: str) -> str:
    """Sessions per day as columns, completed journeys drawn inside them; each day's
    number above its column and its day of the month below (every 7th when the range is
    long). `label` names the chart for screen readers."""
    count = len(days)
    width = _MARGIN * 2 + _STEP * count
    peak = max((d.sessions for d in days), default=0)
    plot = _HEIGHT - _TOP - _BOTTOM
    sparse = count > 16
    parts: list[str] = [
        f"<svg class='days' viewBox='0 0 {width} {_HEIGHT}' role='img' "
        f"aria-label='{e(label)}' style='max-width:{max(width, 160)}px'>",
        f"<title>{e(label)}</title>",
        f"<line x1='{_MARGIN}' x2='{width - _MARGIN}' y1='{_HEIGHT - _BOTTOM}' "
        f"y2='{_HEIGHT - _BOTTOM}' stroke='{_AXIS}' stroke-width='1'/>",
    ]
    for index, day in enumerate(days):
        place = count - 1 - index if language is Language.ARABIC else index
        x = _MARGIN + place * _STEP + 4
        w = _STEP - 8
        base = _HEIGHT - _BOTTOM
        tall = 0 if peak == 0 else plot * day.sessions / peak
        done = 0 if peak == 0 else plot * min(day.completed, day.sessions) / peak
        parts.append(f"<rect x='{x}' y='{base - tall:.1f}' width='{w}' height='{tall:.1f}' "
                     f"fill='{STARTED}'/>")
        if done:
            parts.append(f"<rect x='{x}' y='{base - done:.1f}' width='{w}' "
                         f"height='{done:.1f}' fill='{COMPLETED}'/>")
        middle = x + w / 2
        if not sparse or index % 7 == 0 or index == count - 1:
            parts.append(f"<text x='{middle:.1f}' y='{_HEIGHT - 6}' text-anchor='middle' "
                         f"font-size='11' fill='#1b1b1b' direction='ltr'>{day.day.day}</text>")
        if not sparse and day.sessions:
            parts.append(f"<text x='{middle:.1f}' y='{base - tall - 3:.1f}' "
                         "text-anchor='middle' font-size='11' fill='#1b1b1b' "
                         f"direction='ltr'>{day.sessions}</text>")
    parts.append("</svg>")
    return "".join(parts)
