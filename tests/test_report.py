"""The audit report opened in a real headless Chromium (Debian's chromium and chromium-driver): its plots are
drawn, every link lands inside the page, nothing is fetched, and Bangla is shaped."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver

from pipeline.api import process_file
from pipeline.ingest import IngestOptions
from pipeline.store import Filters, connect, decisions, load, relink, set_status
from pipeline.store.sources import track_records
from tests.browser import MISSING, headless_chromium, installed

ROOT = Path(__file__).resolve().parent.parent
SMARAK = str(Path(sys.executable).with_name("smarak"))

# What the page holds, read in the browser: each plot's drawn size and shapes, the in-page links whose target
# is missing, what was fetched, and whether a Bangla conjunct is shaped (ক্ষ narrower than ক্ + ZWNJ + ষ).
FACTS = """
const plots = [...document.querySelectorAll('svg.plot')].map(svg => {
  const box = svg.getBoundingClientRect();
  return {section: svg.closest('section').id, width: box.width, height: box.height,
          shapes: svg.querySelectorAll('rect, circle, polygon').length, links: svg.querySelectorAll('a').length};
});
const broken = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
  .filter(h => !h.startsWith('#') || !document.getElementById(decodeURIComponent(h.slice(1))));
const context = document.createElement('canvas').getContext('2d');
context.font = '32px ' + getComputedStyle(document.body).fontFamily;
return {plots, broken, links: document.querySelectorAll('a[href^="#"]').length,
        fetched: performance.getEntriesByType('resource').length, scripts: document.scripts.length,
        conjunct: context.measureText('ক্ষ').width, spelled: context.measureText('ক্\u200cষ').width,
        title: document.title};
"""


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    if not installed():
        pytest.skip(MISSING)
    driver = headless_chromium(1366, 900)
    yield driver
    driver.quit()


def page_facts(browser: webdriver.Chrome, page: Path) -> dict[str, Any]:
    browser.get(page.resolve().as_uri())
    facts: dict[str, Any] = browser.execute_script(FACTS)
    return facts


def report(url: str, out: Path, *extra: str) -> Path:
    done = subprocess.run([SMARAK, "report", "--db", url, "-o", str(out), *extra], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def test_report_draws_its_plots_and_links_into_itself(browser: webdriver.Chrome, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = connect(url)
    paths = [*sorted((ROOT / "tracker" / "chains").glob("*/*.txt")), *sorted((ROOT / "corpus").glob("*.txt"))]
    records = [r for path in paths for r in process_file(path)]
    load(engine, records, track_records(records, ROOT, IngestOptions()).tracking)
    relink(engine)
    drill = next(r for r in decisions(engine, Filters(dt.date(2024, 6, 30))) if r.text.startswith("ভূমি উন্নয়ন কর"))
    set_status(engine, drill.id, "done", dt.date(2024, 2, 20), note="reviewed in the revenue meeting")
    engine.dispose()

    facts = page_facts(browser, report(url, tmp_path / "report.html", "--as-of", "30/06/2024"))
    assert facts["title"] == "Decision audit report — as of 2024-06-30"
    sections = [p["section"] for p in facts["plots"]]
    assert sections[:2] == ["offices", "ageing"] and sections[-1] == "quarters" and "timelines" in sections
    assert all(p["width"] > 300 and p["height"] > 40 and p["shapes"] > 0 and p["links"] > 0 for p in facts["plots"])
    assert facts["broken"] == [] and facts["links"] > 200
    assert facts["fetched"] == 0 and facts["scripts"] == 0  # self-contained: works offline
    assert facts["conjunct"] < facts["spelled"] * 0.9  # ক্ষ drawn as one conjunct: the Bangla font shapes

    # A bar is a link to the office's row, which lists its decisions.
    browser.execute_script(
        "document.querySelector('#offices svg a').dispatchEvent(new MouseEvent('click', {bubbles: true}))"
    )
    assert browser.execute_script("return location.hash") == "#office-0"
    # The manual status shows in its decision's row and in the quarterly table's counts.
    row = browser.find_element("id", f"d-{drill.id}").text
    assert "done" in row and "reviewed in the revenue meeting" in row


def test_report_of_an_empty_database(browser: webdriver.Chrome, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    connect(url).dispose()
    facts = page_facts(browser, report(url, tmp_path / "empty.html"))
    assert [p["section"] for p in facts["plots"]] == ["offices", "ageing", "quarters"]
    assert all(p["width"] > 300 for p in facts["plots"]) and facts["broken"] == []
