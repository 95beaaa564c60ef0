"""The full accessibility sweep: every public page of the browser suite in every UI language at 1280 and
360 px, scanned with axe-core in Debian's Chromium (the test suite scans every page in English, Korean and
Chinese, and a representative set in the other five languages; this covers the rest).

    .venv/bin/python bench/axe_sweep.py            # prints a line per page and a summary; exit 1 on a violation
    .venv/bin/python bench/axe_sweep.py --languages ar es --widths 360

It serves the shipped fixture from a throwaway SQLite database with ``manage.py runserver`` on a free
127.0.0.1 port (DEBUG off, static files served by WhiteNoise), and writes the report to
test-artifacts/axe-sweep.txt.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.browser.test_public_pages import PAGES  # noqa: E402  (the suite's list of public pages)

LANGUAGES = ["en", "ko", "zh-hant", "es", "fr", "ru", "ar", "id"]
WIDTHS = {1280: 900, 360: 740}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(database):
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "0", "PAGE_CACHE_SECONDS": "0"}
    python = str(BASE_DIR / ".venv" / "bin" / "python")
    for command in (["migrate", "-v0"], ["loaddata", "registry", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([python, "manage.py", *command], cwd=BASE_DIR, env=environment, check=True)
    port = free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    site = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(site + "/healthz", timeout=1)
            return server, site
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", nargs="+", default=LANGUAGES, choices=LANGUAGES)
    parser.add_argument("--widths", nargs="+", type=int, default=list(WIDTHS), choices=list(WIDTHS))
    options = parser.parse_args()
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as directory:
        server, site = serve(Path(directory) / "sweep.sqlite3")
        failures, scanned, started = {}, 0, time.monotonic()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                axe = Axe()
                for width in options.widths:
                    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
                    page = context.new_page()
                    for language in options.languages:
                        prefix = "" if language == "en" else f"/{language}"
                        for path in PAGES:
                            response = page.goto(site + prefix + path)
                            result = axe.run(page)
                            scanned += 1
                            status = response.status if response else "no answer"
                            problems = result.violations_count if status == 200 else f"HTTP {status}"
                            print(f"{width:>5} px  {prefix + path:<90} {problems or 'ok'}", flush=True)
                            if problems:
                                failures[f"{prefix}{path} at {width} px"] = (
                                    result.generate_report() if status == 200 else problems
                                )
                    context.close()
                browser.close()
        finally:
            server.terminate()
    seconds = time.monotonic() - started
    shape = f"{len(options.languages)} languages × {len(PAGES)} pages × {len(options.widths)} widths"
    summary = f"{scanned} scans ({shape}) in {seconds:.0f} s: {len(failures)} with violations"
    report = "\n\n".join(f"{where}\n{text}" for where, text in failures.items())
    artifacts = BASE_DIR / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "axe-sweep.txt").write_text(f"{summary}\n\n{report}\n", encoding="utf-8")
    print(summary)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
