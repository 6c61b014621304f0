"""The tracker's scripted scenario, through the real `smarak` command, on SQLite and (when SMARAK_TEST_PG_URL is
set) PostgreSQL: an original minutes and its follow-up (the SYNTHETIC dc-coordination chain of tracker/) are
run and loaded; every status the follow-up reports lands on its decision; a person's status survives the
original being extracted again and reloaded; the overdue decisions come out as CSV; the report opens in
Chromium with its plots drawn."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from selenium import webdriver

from pipeline.models import Record
from pipeline.store import read_records
from tests.test_report import page_facts

# Fixtures: db_url (a new SQLite file, or a new schema on the PostgreSQL test server) and browser (Chromium).
pytest_plugins = ["tests.test_store", "tests.test_report"]
ROOT = Path(__file__).resolve().parent.parent
CHAIN = ROOT / "tracker" / "chains" / "dc-coordination"
SMARAK = str(Path(sys.executable).with_name("smarak"))
JANUARY = "05.40.7200.000.06.001.24-45"
FEBRUARY = "05.40.7200.000.06.001.24-78"


def smarak(*args: str, db: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"SMARAK_DB": db, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run([SMARAK, *args], capture_output=True, text=True, cwd=cwd, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return done


def statuses(db: str, cwd: Path, as_of: str) -> dict[tuple[str, str], dict[str, Any]]:
    rows = json.loads(smarak("db", "decisions", "--as-of", as_of, "--format", "json", db=db, cwd=cwd).stdout)
    return {(r["memo_no"], r["ref"]): r for r in rows}


def test_original_and_follow_up(db_url: str, tmp_path: Path, browser: webdriver.Chrome) -> None:
    docs = tmp_path / "minutes"
    docs.mkdir()
    for name in ("01-minutes-2024-01-21.txt", "02-minutes-2024-02-18.txt"):
        shutil.copy(CHAIN / name, docs / name)
    smarak("run", "minutes", "-o", "records.jsonl", "-j", "1", db=db_url, cwd=tmp_path)
    loaded = smarak("db", "load", "records.jsonl", db=db_url, cwd=tmp_path)
    assert "2 inserted, 0 replaced, 0 unchanged" in loaded.stderr
    assert "6 status reports: 6 applied, 0 kept as candidates, 0 with no decision found" in loaded.stderr

    # Every status the follow-up's progress table reports is on the original decision it names.
    before = statuses(db_url, tmp_path, "2024-02-20")
    reported = {"১": "done", "২(ক)": "in_progress", "২(খ)": "open", "৩": "open", "৪": "in_progress", "৫": "dropped"}
    assert {ref: before[(JANUARY, ref)]["status"] for ref in reported} == reported
    assert before[(JANUARY, "১")]["status_on"] == "2024-02-12" and before[(JANUARY, "৬")]["status"] == "open"

    # A person records that the land-tax review (৬, as soon as possible: due 2024-02-24) was done in time.
    tax = before[(JANUARY, "৬")]["id"]
    smarak(
        "db",
        "status",
        tax[:6],
        "--set",
        "done",
        "--on",
        "20/02/2024",
        "--note",
        "রাজস্ব সভায় পর্যালোচিত",
        db=db_url,
        cwd=tmp_path,
    )

    # The original is extracted again: the same file gives the same records, loaded as unchanged …
    smarak("run", "minutes", "-o", "records.jsonl", "-j", "1", db=db_url, cwd=tmp_path)
    assert (
        "0 inserted, 0 replaced, 2 unchanged" in smarak("db", "load", "records.jsonl", db=db_url, cwd=tmp_path).stderr
    )
    # … and under changed rules (the tax decision reworded, the food-store item lost) it replaces its rows.
    changed = [_re_extracted(r) if r.memo_no and r.memo_no.value == JANUARY else r for r in _records(tmp_path)]
    (tmp_path / "changed.jsonl").write_text("".join(r.to_json() + "\n" for r in changed), encoding="utf-8")
    assert (
        "0 inserted, 1 replaced, 1 unchanged" in smarak("db", "load", "changed.jsonl", db=db_url, cwd=tmp_path).stderr
    )
    after = statuses(db_url, tmp_path, "2024-03-01")
    assert after[(JANUARY, "৬")]["id"] == tax and after[(JANUARY, "৬")]["status"] == "done"
    assert after[(JANUARY, "৬")]["text"].endswith("(পুনঃপঠিত)")
    assert {ref: after[(JANUARY, ref)]["status"] for ref in ("১", "২(ক)", "২(খ)", "৩", "৪")} == {
        ref: reported[ref] for ref in ("১", "২(ক)", "২(খ)", "৩", "৪")
    }
    history = smarak("db", "history", tax, "--json", db=db_url, cwd=tmp_path)
    assert [e["note"] for e in json.loads(history.stdout)["events"]] == ["রাজস্ব সভায় পর্যালোচিত"]

    # What is overdue on 1 March 2024, as CSV: the road list (in progress past 29 Feb), the monthly account of
    # the unleased markets (due 25 Feb, nothing reported since) and the weekly spraying (due 29 Feb).
    out = smarak("db", "decisions", "--overdue", "--as-of", "01/03/2024", "--format", "csv", db=db_url, cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {(r["memo_no"], r["ref"], r["due"], r["days_overdue"]) for r in rows} == {
        (JANUARY, "৪", "2024-02-29", "1"),
        (JANUARY, "২(খ)", "2024-02-25", "5"),
        (FEBRUARY, "ক", "2024-02-29", "1"),
    }
    assert all(r["overdue"] == "True" and r["id"] and r["subject"] and r["file"] for r in rows)

    smarak("report", "-o", "report.html", "--as-of", "2024-03-01", db=db_url, cwd=tmp_path)
    facts = page_facts(browser, tmp_path / "report.html")
    assert len(facts["plots"]) == 5 and all(p["width"] > 0 and p["height"] > 0 and p["shapes"] for p in facts["plots"])
    assert facts["broken"] == [] and facts["fetched"] == 0


def _records(folder: Path) -> list[Record]:
    return [r for _, r in read_records(folder / "records.jsonl") if isinstance(r, Record)]


def _re_extracted(record: Record) -> Record:
    """The record as other rules might give it: the food-store item (৫) lost, the tax item (৬) reworded."""
    kept = [d for d in record.decisions if d.ref != "৫"]
    return record.model_copy(
        update={
            "decisions": [d.model_copy(update={"text": d.text + " (পুনঃপঠিত)"}) if d.ref == "৬" else d for d in kept]
        }
    )
