"""A real Chromium for the page's tests: Debian's /usr/bin/chromium driven by Playwright.

Never a browser Playwright downloads: ``executable_path`` names the system one, and each
run gets a fresh profile. Without it the browser tests skip, saying so in one line.
"""

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path

CHROMIUM = Path(os.environ.get("SUANPAN_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# No speculative connections: gunicorn's sync workers would each sit on an idle one.
PREFERENCES = {"net": {"network_prediction_options": 2}}
MISSING = (
    f"BROWSER TESTS NOT RUN: no Chromium at {CHROMIUM} "
    "(apt-get install -y chromium, or set SUANPAN_CHROMIUM); the page at / went untested"
)


def available():
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


@contextlib.contextmanager
def chromium(**context_options):
    """A browser context on a fresh profile directory, removed afterwards."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="suanpan-chromium-")
    (Path(profile) / "Default").mkdir()
    (Path(profile) / "Default" / "Preferences").write_text(json.dumps(PREFERENCES))
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                headless=True,
                args=ARGS,
                accept_downloads=True,
                **context_options,
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
