"""How long a payment receipt takes from data to printer bytes (target <= 100 ms).

Measures lay out + rasterise (1-bit) + encode (`GS v 0`) of the Arabic payment receipt,
beside a baseline measured in the same run: rendering the same QImage without the
conversion. The difference is what thresholding and encoding cost.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/receipt.py
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from kiosk.devices.printer.layout import render_receipt
from kiosk.devices.printer.raster import to_raster
from kiosk.devices.printer.samples import sample_receipts

RUNS = 20
DOT_WIDTH = 576


def median_ms(work: Callable[[], object]) -> float:
    work()  # warm-up: font loading and glyph caches are a one-time cost
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication([])
    receipt = sample_receipts()["payment-ar"]
    size = len(to_raster(render_receipt(receipt, DOT_WIDTH)))
    full = median_ms(lambda: to_raster(render_receipt(receipt, DOT_WIDTH)))
    render_only = median_ms(lambda: render_receipt(receipt, DOT_WIDTH))
    print(f"receipt lay out + rasterise + encode ({DOT_WIDTH} dots, {size} bytes): "
          f"median of {RUNS} = {full:.1f} ms (target <= 100 ms)")
    print(f"baseline: render the same QImage without conversion: "
          f"median of {RUNS} = {render_only:.1f} ms")
    del app


if __name__ == "__main__":
    main()
