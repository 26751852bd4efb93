"""How long a report is to read: printed pages (Chromium's print to PDF, A4) and on-screen height.

    PYTHONPATH=src python bench/report_pages.py REPORT.html [REPORT2.html ...]

Opens each report in Debian's headless Chromium (driven by playwright, no download), as a reader
would: the page's script runs, so what is collapsed by default stays collapsed. Prints the file
size, the height of the page in CSS pixels at 1200 px wide, and the number of A4 pages.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path


def measure(page, html: Path) -> dict[str, float]:
    page.goto(html.resolve().as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    height = page.evaluate("document.documentElement.scrollHeight")
    pdf = page.pdf(format="A4", print_background=True)
    # every page object of the PDF Chromium writes is one `/Type /Page` (the tree is `/Pages`)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    return {"bytes": html.stat().st_size, "height_px": height, "pages": pages}


def main(paths: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium not installed (bash scripts/install-system-deps.sh)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        for path in paths:
            m = measure(page, Path(path))
            print(f"{path}: {m['bytes'] / 1e6:.2f} MB, {m['height_px']:,} px tall, {m['pages']} A4 pages")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
