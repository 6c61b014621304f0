"""Make docs/review.png, the README's screenshot of `smarak review`: a scanned letter beside its record.

Runs the pipeline with --pages-out on a scan from tests/data/scans and a corpus minutes, serves them with
`smarak review` (gold: a copy of the repository's gold for these files), opens the scan's document in
headless Chromium at 1366×768, puts the cursor in its first decision (so its words light up on the page)
with the record scrolled down to it, and saves the window as a 128-colour PNG. Needs Debian's chromium and
chromium-driver.

    .venv/bin/python -m scripts.screenshot_review [--out docs/review.png]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from selenium.webdriver.common.by import By

from tests.browser import answers, free_port, headless_chromium

ROOT = Path(__file__).resolve().parents[1]
SMARAK = str(ROOT / ".venv" / "bin" / "smarak")
SCAN = ROOT / "tests" / "data" / "scans" / "forwarding-letter-lgd-2017-10-31.p1.noto-sans-bengali.clean.png"
MINUTES = ROOT / "corpus" / "minutes-sid-2022-10-08.txt"
WIDTH, HEIGHT = 1366, 768


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "review.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="smarak-shot-") as folder:
        base = Path(folder)
        records = _run(base)
        port = free_port()
        folders = ["--pages", str(base / "pages"), "--gold", str(base / "gold")]
        server = subprocess.Popen([SMARAK, "review", str(records), *folders, "--port", str(port)])
        try:
            if not answers(f"http://127.0.0.1:{port}/"):
                sys.exit(f"the review server did not answer on port {port}")
            png = _screenshot(f"http://127.0.0.1:{port}", records)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=20)
    picture = Image.open(io.BytesIO(png)).convert("RGB").quantize(128, method=Image.Quantize.MEDIANCUT)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    picture.save(args.out, optimize=True)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB, {picture.width}×{picture.height})")


def _run(base: Path) -> Path:
    (base / "gold").mkdir()
    for name in (MINUTES.stem, "forwarding-letter-lgd-2017-10-31"):
        shutil.copy(ROOT / "gold" / f"{name}.json", base / "gold")
    records = base / "records.jsonl"
    command = [SMARAK, "run", str(SCAN), str(MINUTES), "-o", str(records), "--pages-out", str(base / "pages")]
    subprocess.run(command, check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, stderr=subprocess.DEVNULL)
    return records


def _screenshot(base: str, records: Path) -> bytes:
    driver = headless_chromium(WIDTH, HEIGHT, "--hide-scrollbars")
    try:
        metrics = {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        scan = next(
            json.loads(line)["id"]
            for line in records.read_text(encoding="utf-8").splitlines()
            if json.loads(line)["source"]["method"] == "ocr"
        )
        driver.get(f"{base}/doc/{scan}")
        decision = driver.find_element(By.CSS_SELECTOR, ".decision .d-text")
        decision.click()
        driver.execute_script("arguments[0].closest('.decision').scrollIntoView({block: 'end'})", decision)
        time.sleep(0.3)
        png: bytes = driver.get_screenshot_as_png()
        return png
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
