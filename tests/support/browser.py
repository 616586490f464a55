"""Open a map in headless Chromium over the DevTools protocol: wait, inspect, screenshot.

Used by the browser tests and to refresh ``docs/map-overview.png``::

    python -m support.browser out/map.html docs/map-overview.png

Needs Debian's ``chromium`` (or ``HRKG_CHROMIUM=/path/to/chrome``) and the
``websocket-client`` package (test extra). Chromium runs with networking off (a dead
proxy and a resolver that resolves nothing) and a fresh profile; every request the page
makes, every console error, exception and JavaScript dialog is recorded.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-default-browser-check", "--mute-audio", "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
)
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")
READY = "window.hrkgMapReady ? JSON.stringify(window.hrkgMapReady) : ''"


class BrowserError(RuntimeError):
    """Chromium could not be started, or did not answer in time."""


def find_chromium() -> str | None:
    """Path of a Chromium binary: ``$HRKG_CHROMIUM``, else chromium on PATH."""
    if os.environ.get("HRKG_CHROMIUM"):
        return os.environ["HRKG_CHROMIUM"]
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class PageLog:
    """What the page did: requested URLs, console errors and warnings, dialogs."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]


class HeadlessChromium:
    """One headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, *, width: int = 1400, height: int = 900, timeout: float = 60.0) -> None:
        self.width, self.height, self.timeout = width, height, timeout
        self.log = PageLog()
        self._ids = itertools.count(1)
        self._profile = tempfile.TemporaryDirectory(prefix="hrkg-chromium-")
        self._process: subprocess.Popen | None = None
        self._socket = None
        self._session: str | None = None

    def __enter__(self) -> HeadlessChromium:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        import websocket  # websocket-client, a test dependency

        binary = find_chromium()
        if not binary:
            raise BrowserError("chromium not found: apt-get install chromium, or set HRKG_CHROMIUM")
        profile = Path(self._profile.name)
        self._process = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
             f"--window-size={self.width},{self.height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port, path = self._devtools_address(profile / "DevToolsActivePort")
        self._socket = websocket.create_connection(f"ws://127.0.0.1:{port}{path}",
                                                   timeout=self.timeout, suppress_origin=True)
        target = self.send("Target.createTarget", {"url": "about:blank"}, browser=True)
        attached = self.send("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, browser=True)
        self._session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height, "deviceScaleFactor": 1,
                   "mobile": False})

    def _devtools_address(self, port_file: Path) -> tuple[str, str]:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BrowserError(f"chromium exited with code {self._process.returncode}")
            if port_file.exists():
                lines = port_file.read_text().split()
                if len(lines) >= 2:
                    return lines[0], lines[1]
            time.sleep(0.05)
        raise BrowserError("chromium did not open its DevTools port")

    def send(self, method: str, params: dict | None = None, *, browser: bool = False) -> dict:
        """Send one command and return its result, recording events that arrive meanwhile."""
        number = next(self._ids)
        message = {"id": number, "method": method, "params": params or {}}
        if not browser:
            message["sessionId"] = self._session
        self._socket.send(json.dumps(message))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            reply = json.loads(self._socket.recv())
            if reply.get("id") == number:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self._event(reply["method"], reply.get("params", {}))
        raise BrowserError(f"{method}: no answer in {self.timeout} s")

    def _event(self, method: str, params: dict) -> None:
        if method == "Network.requestWillBeSent":
            self.log.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            (self.log.errors if params["type"] in ("error", "assert")
             else self.log.warnings if params["type"] == "warning" else []).append(text)
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.log.errors.append(details.get("exception", {}).get("description")
                                   or details.get("text", "exception"))
        elif method == "Log.entryAdded":
            entry = params["entry"]
            if entry["level"] == "error":
                self.log.errors.append(f"{entry['source']}: {entry['text']}")
            elif entry["level"] == "warning":
                self.log.warnings.append(f"{entry['source']}: {entry['text']}")
        elif method == "Page.javascriptDialogOpening":
            self.log.dialogs.append(f"{params['type']}: {params['message']}")
            number = next(self._ids)
            self._socket.send(json.dumps({"id": number, "method": "Page.handleJavaScriptDialog",
                                          "params": {"accept": False},
                                          "sessionId": self._session}))

    def open(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})

    def evaluate(self, expression: str):
        """Value of a JavaScript expression in the page (JSON-serializable values only)."""
        result = self.send("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r} threw: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float | None = None):
        """Poll ``expression`` until it is truthy; its value, or BrowserError on timeout."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise BrowserError(f"timed out waiting for {expression!r}")

    def wait_for_map(self, timeout: float | None = None) -> dict:
        """Wait until the map has stabilized and frozen; ``{"nodes": n, "edges": m, ...}``."""
        return json.loads(self.wait_for(READY, timeout))

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        if self._socket is not None:
            try:
                self.send("Browser.close", browser=True)
            except Exception:  # noqa: BLE001 - the browser may already be gone
                pass
            self._socket.close()
            self._socket = None
        if self._process is not None:
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        self._profile.cleanup()


def screenshot_map(html: Path, png: Path, *, width: int = 1400, height: int = 900,
                   timeout: float = 120.0) -> tuple[dict, PageLog]:
    """Open ``html`` from file://, wait for the map, save ``png``: (ready info, page log)."""
    with HeadlessChromium(width=width, height=height, timeout=timeout) as browser:
        browser.open(Path(html).resolve().as_uri())
        ready = browser.wait_for_map()
        time.sleep(0.3)  # let the frozen frame paint
        browser.screenshot(png)
        return ready, browser.log


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m support.browser MAP.html OUT.png", file=sys.stderr)
        return 2
    ready, log = screenshot_map(Path(args[0]), Path(args[1]))
    print(f"{args[1]}: {ready['nodes']} nodes, {ready['edges']} edges; "
          f"{len(log.errors)} console errors, {len(log.remote_requests())} remote requests")
    for line in log.errors:
        print(f"  error: {line}", file=sys.stderr)
    return 1 if log.errors or log.remote_requests() else 0


if __name__ == "__main__":
    sys.exit(main())
