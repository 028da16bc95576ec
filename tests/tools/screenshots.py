"""Screenshots of the chat widget for docs/ (desktop and 320 px wide), from a real conversation.

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
            for name, viewport in (
                ("widget-desktop", {"width": 1280, "height": 800}),
                ("widget-320", {"width": 320, "height": 640}),
            ):
                page = browser.new_context(viewport=viewport).new_page()
                page.goto(servers.web + "/")
                page.locator(".cpc-launcher").click()
                page.locator(".cpc-input").fill("What is an MNVP?")
                page.keyboard.press("Enter")
                page.locator(".cpc-bot .cpc-text", has_text="Was this helpful?").wait_for(timeout=60_000)
                page.screenshot(path=str(OUT / f"{name}.png"))
                print(f"wrote {OUT / name}.png")
            browser.close()
    finally:
        stop_assistant(servers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
