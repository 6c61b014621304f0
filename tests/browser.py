"""Headless Chromium for the browser tests and the README screenshots (Debian's chromium and chromium-driver,
through Selenium), and the free port and wait a local server needs."""

from __future__ import annotations

import socket
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
MISSING = "needs Debian's chromium and chromium-driver (scripts/install-system.sh installs them)"


def installed() -> bool:
    return CHROMIUM.exists() and CHROMEDRIVER.exists()


def headless_chromium(width: int, height: int, *arguments: str) -> webdriver.Chrome:
    """A headless Chromium window of that size (no sandbox: the tests run as root)."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}", *arguments):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def answers(url: str, seconds: float = 20) -> bool:
    """Whether `url` answers within `seconds` (a server that is starting)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.1)
    return False
