"""The portal's CSP really stops inline script in Chromium (a context without bypass_csp)."""

from __future__ import annotations

import pytest

PROBE = """<!doctype html>
<html lang="en"><head><title>probe</title></head>
<body>
<p id="p">probe</p>
<script>window.__inlineRan = true; document.title = "inline ran";</script>
<img alt="" src="data:," onerror="window.__handlerRan = true">
<a id="js" href="javascript:window.__hrefRan = true">x</a>
</body></html>"""


@pytest.fixture
def csp_context(browser):
    context = browser.new_context()  # NOT the session's context args: no bypass_csp here
    yield context
    context.close()


def _portal_csp(context, live_server: str) -> str:
    response = context.request.get(f"{live_server}/login")
    assert response.status == 200
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    return csp


def _load_probe(context, url: str, headers: dict[str, str]):
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text))
    page.route(
        url,
        lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=PROBE, headers=headers
        ),
    )
    page.goto(url)
    page.wait_for_load_state("load")
    page.click("#js")
    page.wait_for_timeout(200)
    return page, violations


def _ran(page) -> dict[str, bool]:
    return page.evaluate(
        "() => ({inline: !!window.__inlineRan, handler: !!window.__handlerRan,"
        " href: !!window.__hrefRan})"
    )


def test_csp_blocks_inline_script_handlers_and_javascript_urls(csp_context, live_server):
    csp = _portal_csp(csp_context, live_server)
    page, violations = _load_probe(
        csp_context, f"{live_server}/__csp-probe", {"Content-Security-Policy": csp}
    )
    assert _ran(page) == {"inline": False, "handler": False, "href": False}
    assert page.title() == "probe"
    assert any("Content Security Policy" in v for v in violations), violations


def test_probe_does_run_without_the_csp(csp_context, live_server):
    """Control: the same page without the header runs its scripts, so the test above means it."""
    page, _ = _load_probe(csp_context, f"{live_server}/__csp-probe-open", {})
    # on a loaded machine the javascript: link may run after the probe's 200 ms
    page.wait_for_function("() => window.__inlineRan && window.__handlerRan && window.__hrefRan")
    assert _ran(page) == {"inline": True, "handler": True, "href": True}
    assert page.title() == "inline ran"
