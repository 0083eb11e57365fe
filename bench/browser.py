"""The analysis page in headless Chromium: time to the load event and the memory of the browser
for that tab (issue 15: NarraFirma needs about 18 s and 1.8 GB before its first chart at 50,000
stories, because it loads every story into the browser; ours sends only the SVG)."""

from __future__ import annotations

import os
import statistics
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
MARKER = "--reflectieportaal-bench"  # finds this browser's processes among any others
RUNS = 5


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


class _Quiet(WSGIRequestHandler):
    def log_request(self, *_args, **_kw) -> None:
        pass


def _browser_pss_mb() -> float:
    """Proportional memory (PSS: shared pages divided among the processes that share them, so
    nothing is counted twice) of the marked browser and every process under it."""
    tree, total = _children(), 0
    roots = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if MARKER.encode() in (entry / "cmdline").read_bytes():
                    roots.append(int(entry.name))
            except OSError:
                continue
    seen, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        todo.extend(tree.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def measure(app, url: str, email: str, password: str) -> str:
    """Open ``url`` as ``email`` RUNS times; the median time to the load event, the page's size,
    the JS heap and the browser's memory after the last run."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", MARKER],
            )
            page = browser.new_page()
            page.goto(f"{base}/login")
            page.fill("#email", email)
            page.fill("#password", password)
            page.press("#password", "Enter")
            page.wait_for_load_state()
            timings = []
            for _ in range(RUNS):
                page.goto(f"{base}{url}", wait_until="load")
                timings.append(
                    page.evaluate(
                        "() => { const n = performance.getEntriesByType('navigation')[0];"
                        " return n.loadEventEnd - n.startTime; }"
                    )
                )
            size = page.evaluate("() => document.documentElement.outerHTML.length")
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            memory = _browser_pss_mb()
            browser.close()
    finally:
        server.shutdown()
    heap = metrics.get("JSHeapUsedSize", 0) / 2**20
    return (
        f"Chromium {url}: {statistics.median(timings):.0f} ms to the load event (median of {RUNS}),"
        f" page {size / 1024:.0f} kB, JS heap {heap:.1f} MB, browser memory (PSS) {memory:.0f} MB"
    )
