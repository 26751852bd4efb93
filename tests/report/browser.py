"""Open an HTML file in Debian's headless Chromium (driven by playwright), collecting console
errors, page errors and every network request the page attempts."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageRun:
    title: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    text: str = ""
    visible_flags: int = -1


@contextmanager
def chromium_page(html: Path, width: int = 1200, height: int = 900) -> Iterator[tuple[object, PageRun]]:
    """The report loaded in Chromium, for a test to drive: (page, run with the errors and requests)."""
    if CHROMIUM is None:
        pytest.skip("chromium not installed (bash scripts/install-system-deps.sh)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            run = PageRun(title="")
            page.on("console", lambda m: run.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: run.page_errors.append(str(e)))
            page.on("request", lambda r: run.requests.append(r.url))
            page.goto(html.resolve().as_uri(), wait_until="load")
            page.wait_for_timeout(200)
            run.title = page.title()
            yield page, run
        finally:
            browser.close()


def printed_pages(page) -> int:
    """A4 pages of the page printed as Chromium prints it (what is folded stays folded)."""
    pdf = page.pdf(format="A4", print_background=True)
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def open_in_chromium(html: Path, screenshot: Path | None = None, search: str | None = None,
                     full_page: bool = True) -> PageRun:
    if CHROMIUM is None:
        pytest.skip("chromium not installed (bash scripts/install-system-deps.sh)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            run = PageRun(title="")
            page.on("console", lambda m: run.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: run.page_errors.append(str(e)))
            page.on("request", lambda r: run.requests.append(r.url))
            page.goto(html.resolve().as_uri(), wait_until="load")
            page.wait_for_timeout(300)
            run.title = page.title()
            run.text = page.inner_text("body")
            if search is not None and page.query_selector("#f-search"):
                page.fill("#f-search", search)
                run.visible_flags = page.eval_on_selector_all(".flag", "els => els.filter(e => !e.hidden).length")
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=full_page)
            return run
        finally:
            browser.close()
