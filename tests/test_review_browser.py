"""`smarak review` end to end: a batch run by the pipeline, the real server, and a real headless Chromium
(Debian's chromium and chromedriver, through Selenium) correcting a memo number and a responsible, adding a
missed decision, saving and reloading, with the gold file on disk checked; a stale second tab refused; and
the server's refusals (a write without the token, `../` paths, a foreign Host) over plain HTTP."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser import MISSING, answers, free_port, headless_chromium, installed
from tests.conftest import CORPUS, GOLD, ROOT

SMARAK = str(ROOT / ".venv" / "bin" / "smarak")
SID, FORWARDING = "minutes-sid-2022-10-08", "forwarding-letter-lgd-2017-10-31"
NEW_MEMO = "52.00.0000.022.05.001.22-79"
NEW_RESPONSIBLE = "প্রোগ্রামার, আইসিটি শাখা"
MISSED = "সকল শাখা মাসিক অগ্রগতি প্রতিবেদন প্রেরণ করবে।"


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Records and pages of two corpus files from a real run, and a gold folder holding one of their gold files."""
    base = tmp_path_factory.mktemp("review")
    files = [CORPUS / f"{SID}.txt", CORPUS / f"{FORWARDING}.txt"]
    done = subprocess.run(
        [SMARAK, "run", *map(str, files), "-o", str(base / "records.jsonl"), "--pages-out", str(base / "pages")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    assert done.returncode == 0, done.stderr
    (base / "gold").mkdir()
    shutil.copy(GOLD / f"{FORWARDING}.json", base / "gold")
    return base


@pytest.fixture(scope="module")
def server(batch: Path) -> Iterator[str]:
    """`smarak review` serving the batch; its base URL."""
    port = free_port()
    command = [SMARAK, "review", str(batch / "records.jsonl"), "--pages", str(batch / "pages")]
    process = subprocess.Popen(
        [*command, "--gold", str(batch / "gold"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert answers(base + "/"), process.communicate(timeout=5)[0]
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not installed():
        pytest.skip(MISSING)
    driver = headless_chromium(1366, 768)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def _ids(batch: Path) -> dict[str, str]:
    """Record id of the first document of each file, by file stem."""
    ids: dict[str, str] = {}
    for line in (batch / "records.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        ids.setdefault(Path(record["source"]["file"]).stem, record["id"])
    return ids


def _gold_on_disk(batch: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((batch / "gold" / f"{SID}.json").read_text(encoding="utf-8"))
    return data


def _wait(condition: Any, timeout: float = 10) -> Any:
    """The first true value of `condition()` within `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def _css(driver: Any, selector: str) -> Any:
    return driver.find_element(By.CSS_SELECTOR, selector)


def _all(driver: Any, selector: str) -> list[Any]:
    return list(driver.find_elements(By.CSS_SELECTOR, selector))


def _keys(driver: Any, *keys: str, ctrl: bool = False) -> None:
    actions = ActionChains(driver)
    if ctrl:
        actions.key_down(Keys.CONTROL)
    actions.send_keys(*keys)
    if ctrl:
        actions.key_up(Keys.CONTROL)
    actions.perform()


def _replace_text(element: Any, text: str) -> None:
    element.click()
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    element.send_keys(text)


def _save(driver: Any) -> Any:
    """Ctrl+S, then the status element once the answer is in."""
    _keys(driver, "s", ctrl=True)
    status = _css(driver, "#status")
    _wait(lambda: status.get_attribute("data-state") in ("saved", "conflict", "error"))
    return status


def test_correct_save_reload_and_the_gold_on_disk(server: str, browser: Any, batch: Path) -> None:
    ids = _ids(batch)
    browser.get(server + "/")
    assert "2 gold documents in 1 files" in _css(browser, "#score").text
    order = [row.get_attribute("data-href") for row in _all(browser, "#documents tbody tr")]
    assert len(order) == 3  # the forwarding letter holds two documents
    _keys(browser, "j", Keys.ENTER)  # j selects the first document, Enter opens it
    _wait(lambda: browser.current_url.endswith(order[0]))
    browser.get(f"{server}/doc/{ids[SID]}")
    assert "Ctrl+S" in _css(browser, "#save").text and _css(browser, "#keys").get_attribute("hidden")
    _keys(browser, "?")
    assert "next document" in _css(browser, "#keys").text

    decisions = _all(browser, "#decisions .decision")
    count = len(decisions)
    assert count >= 10
    assert _all(browser, "#source mark[data-t~='dec-1']"), "the decision is highlighted on its page"
    _replace_text(_css(browser, "input[name='memo_no.value']"), NEW_MEMO)
    _replace_text(decisions[1].find_element("css selector", ".d-resp"), NEW_RESPONSIBLE)
    assert "active" in _css(browser, "#source mark[data-t~='dec-1']").get_attribute("class")
    _keys(browser, Keys.ESCAPE, "a")  # Esc leaves the text box, a adds a decision after the focused one
    added = _wait(lambda: len(_all(browser, "#decisions .decision")) == count + 1 and browser.switch_to.active_element)
    added.send_keys(MISSED)
    status = _save(browser)
    assert status.get_attribute("data-state") == "saved", status.text
    assert f"gold/{SID}.json" in status.text

    gold = _gold_on_disk(batch)
    assert gold["file"] == f"{SID}.txt" and len(gold["documents"]) == 1
    document = gold["documents"][0]
    assert set(document) == {"memo_no", "decisions"}  # only what was edited (so checked) is saved
    assert document["memo_no"]["value"] == NEW_MEMO
    saved = document["decisions"]
    assert len(saved) == count + 1
    assert saved[1]["responsible"] == [NEW_RESPONSIBLE]
    assert saved[2] == {"ref": None, "text": MISSED}  # added after the decision being edited
    assert "responsible" not in saved[0] and "deadline" not in saved[0]  # not checked

    browser.refresh()
    assert _css(browser, "input[name='memo_no.value']").get_attribute("value") == NEW_MEMO
    reloaded = _all(browser, "#decisions .decision")
    assert len(reloaded) == count + 1
    assert reloaded[1].find_element("css selector", ".d-resp").get_attribute("value") == NEW_RESPONSIBLE
    assert reloaded[2].find_element("css selector", ".d-text").get_attribute("value") == MISSED
    assert _css(browser, ".check[data-field='memo_no']").is_selected()
    assert not _css(browser, ".check[data-field='subject']").is_selected()

    browser.get(server + "/")
    assert "3 gold documents in 2 files" in _css(browser, "#score").text
    memo_change = _css(browser, "#score tr[data-field='memo_no'] .change").text
    assert memo_change.startswith("-") and "+1 gold" in memo_change  # a memo number the rules did not read


def test_keys_move_between_documents(server: str, browser: Any, batch: Path) -> None:
    browser.get(server + "/")
    order = [row.get_attribute("data-href") for row in _all(browser, "#documents tbody tr")]
    browser.get(server + order[0])
    _keys(browser, "j")
    _wait(lambda: browser.current_url.endswith(order[1]))
    _keys(browser, "k")
    _wait(lambda: browser.current_url.endswith(order[0]))
    _keys(browser, Keys.ESCAPE, "f")
    first = _css(browser, ".group.focused")
    _keys(browser, Keys.ESCAPE, "f")
    second = _css(browser, ".group.focused")
    assert first.get_attribute("data-target") != second.get_attribute("data-target")
    group = browser.switch_to.active_element.find_element(By.XPATH, "ancestor::*[contains(@class, 'group')][1]")
    assert group == second  # the cursor is in the field that lit up


def test_a_stale_second_tab_is_refused(server: str, browser: Any, batch: Path) -> None:
    url = f"{server}/doc/{_ids(batch)[SID]}"
    browser.get(url)
    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    browser.get(url)
    second = browser.current_window_handle

    browser.switch_to.window(first)
    _replace_text(_css(browser, "textarea[name='subject']"), "প্রথম ট্যাবের বিষয়")
    assert _save(browser).get_attribute("data-state") == "saved"
    after_first = (batch / "gold" / f"{SID}.json").read_bytes()

    browser.switch_to.window(second)
    _replace_text(_css(browser, "input[name='signatory.name']"), "দ্বিতীয় ট্যাবের নাম")
    status = _save(browser)
    assert status.get_attribute("data-state") == "conflict" and status.get_attribute("data-http") == "409"
    assert "changed since this page was loaded" in status.text
    assert (batch / "gold" / f"{SID}.json").read_bytes() == after_first
    document = _gold_on_disk(batch)["documents"][0]
    assert document["subject"] == "প্রথম ট্যাবের বিষয়" and "signatory" not in document
    browser.execute_script("window.onbeforeunload = null")
    browser.close()
    browser.switch_to.window(first)


def _request(
    server: str, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, str]:
    """A raw HTTP request: the path goes out exactly as written (a browser would resolve `../` first)."""
    host, port = server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    payload = None if body is None else json.dumps(body).encode()
    connection.request(method, path, body=payload, headers={"Content-Type": "application/json", **(headers or {})})
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, text


def _token(server: str, doc_id: str) -> tuple[str, str]:
    """The session token and the gold version a document page carries."""
    _, page = _request(server, "GET", f"/doc/{doc_id}")
    token = regex.search(r'name="smarak-token" content="([^"]+)"', page)
    version = regex.search(r'data-version="([^"]+)"', page)
    assert token and version
    return token[1], version[1]


def test_writes_need_the_session_token(server: str, batch: Path) -> None:
    doc_id = _ids(batch)[FORWARDING]
    token, version = _token(server, doc_id)
    body = {"version": version, "draft": {"subject": "x", "checked": ["subject"]}}
    gold_before = (batch / "gold" / f"{FORWARDING}.json").read_bytes()
    for headers in ({}, {"X-Smarak-Token": "forged"}, {"X-Smarak-Token": token[:-1]}):
        status, text = _request(server, "POST", f"/doc/{doc_id}/gold", body, headers)
        assert status == 403 and "token" in text
    assert (batch / "gold" / f"{FORWARDING}.json").read_bytes() == gold_before
    stale = {**body, "version": "0" * 64}
    assert _request(server, "POST", f"/doc/{doc_id}/gold", stale, {"X-Smarak-Token": token})[0] == 409
    assert (batch / "gold" / f"{FORWARDING}.json").read_bytes() == gold_before


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/pages/../records.jsonl"),
        ("GET", "/pages/..%2Frecords.jsonl"),
        ("GET", "/pages/..%2F..%2F..%2F..%2Fetc%2Fpasswd"),
        ("GET", "/doc/..%2F..%2Fgold%2Fminutes-sid-2022-10-08.json"),
        ("GET", "/static/../../gold/minutes-sid-2022-10-08.json"),
        ("GET", "/static/..%2F..%2F..%2Fcli.py"),
        ("POST", "/doc/..%2Fgold/gold"),
        ("POST", "/doc/../../gold/x/gold"),
    ],
)
def test_paths_out_of_the_folders_are_refused(server: str, batch: Path, method: str, path: str) -> None:
    token, version = _token(server, _ids(batch)[SID])
    body = {"version": version, "draft": {"checked": []}} if method == "POST" else None
    status, text = _request(server, method, path, body, {"X-Smarak-Token": token})
    assert status in (400, 404), (status, text[:200])
    assert "root:" not in text and '"documents"' not in text and "import" not in text


def test_only_local_host_names_are_answered(server: str) -> None:
    assert _request(server, "GET", "/", headers={"Host": "attacker.example"})[0] == 400
    assert _request(server, "GET", "/", headers={"Host": "localhost"})[0] == 200


def test_split_merge_and_delete_decisions(server: str, browser: Any, batch: Path) -> None:
    browser.get(f"{server}/doc/{_ids(batch)[SID]}")
    texts = [block.find_element(By.CSS_SELECTOR, ".d-text").get_attribute("value") for block in _blocks(browser)]
    cut = texts[0].index(" ", len(texts[0]) // 2)
    first = _blocks(browser)[0].find_element(By.CSS_SELECTOR, ".d-text")
    first.click()
    browser.execute_script("arguments[0].setSelectionRange(arguments[1], arguments[1])", first, cut)
    _blocks(browser)[0].find_element(By.CSS_SELECTOR, "[data-act='split']").click()
    _blocks(browser)[3].find_element(By.CSS_SELECTOR, "[data-act='merge']").click()  # texts[2] with texts[3]
    _blocks(browser)[4].find_element(By.CSS_SELECTOR, "[data-act='delete']").click()  # texts[4]
    assert _save(browser).get_attribute("data-state") == "saved"
    expected = [texts[0][:cut].strip(), texts[0][cut:].strip(), texts[1], f"{texts[2]} {texts[3]}", *texts[5:]]
    assert [d["text"] for d in _gold_on_disk(batch)["documents"][0]["decisions"]] == expected


def _blocks(driver: Any) -> list[Any]:
    return _all(driver, "#decisions .decision")


def test_a_value_the_contract_does_not_allow_is_named_and_not_saved(server: str, browser: Any, batch: Path) -> None:
    gold = batch / "gold" / f"{FORWARDING}.json"
    before = gold.read_bytes()
    browser.get(f"{server}/doc/{_ids(batch)[FORWARDING]}")
    _replace_text(_css(browser, "input[name='date.value']"), "২০১৭-১৩-৩১")
    status = _save(browser)
    assert status.get_attribute("data-state") == "error" and status.get_attribute("data-http") == "422"
    assert "date.value: '2017-13-31' is not a day of the calendar" in status.text
    assert gold.read_bytes() == before
    browser.execute_script("window.onbeforeunload = null")
