"""Regenerate the README's screenshots (docs/*.png): the app on the committed bundle, served by gunicorn on a free
loopback port, drawn by headless Chromium (Playwright) at 1366 x 900, the top of each page, saved as small PNGs
(256-colour palette). Run with `make screenshots`."""
from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
SHOTS = {  # file -> (page, height of the part shown)
    "explorer.png": ("/?countries=DEU,USA,TUR,BIH", 1500),
    "country-profile.png": ("/country/BIH", 1300),
    "flows.png": ("/flows", 1300),
}
WIDTH = 1366
SETTLED = """() => !document.querySelector('[data-dash-is-loading="true"]') && document.querySelector('#page main')
  && [...document.querySelectorAll('.js-plotly-plot')].every(g => g.querySelector('.main-svg'))"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    proc = subprocess.Popen([str(gunicorn), "app:server", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                             "--threads", "4", "--timeout", "120", "--no-control-socket"], cwd=REPO,
                            env={**os.environ, "RATE_LIMITS": "off"}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return proc
        except requests.RequestException:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("the app did not start within 90 s")


def small_png(data: bytes, path: Path) -> None:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image = image.resize((image.width * 2 // 3, image.height * 2 // 3), Image.LANCZOS)
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def main() -> int:
    port = free_port()
    proc = serve(port)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": WIDTH, "height": 900})
            for name, (path, height) in SHOTS.items():
                page.goto(f"http://127.0.0.1:{port}{path}")
                page.wait_for_function(SETTLED, polling=250, timeout=150_000)
                page.wait_for_function("() => document.fonts.status === 'loaded'", polling=250)
                page.set_viewport_size({"width": WIDTH, "height": height})
                page.wait_for_function(SETTLED, polling=250, timeout=60_000)
                small_png(page.screenshot(clip={"x": 0, "y": 0, "width": WIDTH, "height": height}), DOCS / name)
                print(f"docs/{name}: {(DOCS / name).stat().st_size // 1024} KB")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
