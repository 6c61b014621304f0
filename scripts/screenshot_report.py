"""The README's tracker session, run for real, and a screenshot of its report: python -m scripts.screenshot_report

Runs `smarak run` on corpus/ and tracker/chains/ (the written chains are SYNTHETIC), loads the records, records
one status by hand, writes the report as of 30 June 2024, and saves the top of the page as it renders in
headless Chromium to docs/report.png (a palette PNG, kept under 300 KB). Prints each command and its stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from tests.browser import headless_chromium

ROOT = Path(__file__).resolve().parents[1]
SMARAK = str(Path(sys.executable).with_name("smarak"))
OUT = ROOT / "docs" / "report.png"
MOST_BYTES = 300_000
LAND_TAX = "ভূমি উন্নয়ন কর আদায়ের অগ্রগতি"  # decision ৬ of the chain's January minutes


def run(*args: str, cwd: Path, env: dict[str, str]) -> str:
    print("$ smarak " + " ".join(args), flush=True)
    done = subprocess.run([SMARAK, *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    print(done.stderr, end="", flush=True)
    return done.stdout


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = os.environ | {"SMARAK_DB": "sqlite:///tracker.db", "OMP_THREAD_LIMIT": "1"}
        run("run", str(ROOT / "corpus"), str(ROOT / "tracker" / "chains"), "-o", "records.jsonl", cwd=work, env=env)
        run("db", "load", "records.jsonl", cwd=work, env=env)
        rows = run("db", "decisions", "--as-of", "2024-06-30", "--format", "csv", cwd=work, env=env)
        land_tax = next(line.split(",")[0].strip('"') for line in rows.splitlines() if LAND_TAX in line)
        run("db", "status", land_tax[:6], "--set", "done", "--on", "20/02/2024", cwd=work, env=env)
        run("report", "-o", "report.html", "--as-of", "30/06/2024", cwd=work, env=env)
        shoot(work / "report.html", work / "report.png")
        image = Image.open(work / "report.png").convert("RGB").quantize(colors=256)
        image.save(OUT, optimize=True)
    size = OUT.stat().st_size
    print(f"wrote {OUT.relative_to(ROOT)} ({size / 1000:.0f} KB)")
    if size > MOST_BYTES:
        raise SystemExit(f"{OUT} is {size} bytes, more than {MOST_BYTES}")


def shoot(page: Path, png: Path) -> None:
    browser = headless_chromium(1280, 1500, "--hide-scrollbars")
    try:
        browser.get(page.as_uri())
        browser.save_screenshot(str(png))
    finally:
        browser.quit()


if __name__ == "__main__":
    main()
