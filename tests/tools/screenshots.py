"""Screenshots of the chat widget for docs/ (desktop, 320 px wide, a phone), from real conversations.

python -m tests.tools.screenshots     (make screenshots; needs the trained model and Chromium)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.conftest import ROOT
from tests.tools.assistant import start_assistant, stop_assistant

OUT = ROOT / "docs" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    servers = start_assistant(Path(tempfile.mkdtemp(prefix="screens-")), {})
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS
            )
            # Desktop and 320 px: the menu button pressed and its answer, with its source by name.
            # A phone (full screen): a search, shown from the first line of its answer.
            for name, viewport, ask in (
                ("widget-desktop", {"width": 1280, "height": 800}, None),
                ("widget-320", {"width": 320, "height": 640}, None),
                ("widget-phone", {"width": 390, "height": 844}, "where is the gap analysis tool"),
            ):
                page = browser.new_context(viewport=viewport, device_scale_factor=1).new_page()
                page.goto(servers.web + "/")
                page.locator(".cpc-launcher").click()
                if ask:
                    page.locator(".cpc-input").fill(ask)
                    page.keyboard.press("Enter")
                    page.locator(".cpc-bot .cpc-text", has_text="Was this helpful?").wait_for(timeout=60_000)
                else:
                    page.locator(".cpc-choice", has_text="What is an MNVP?").click()
                    page.locator(".cpc-bot .cpc-text", has_text="Was this helpful?").wait_for(timeout=60_000)
                page.wait_for_timeout(500)  # the last reply's scroll has settled
                page.screenshot(path=str(OUT / f"{name}.png"))
                print(f"wrote {OUT / name}.png")
            browser.close()
    finally:
        stop_assistant(servers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
