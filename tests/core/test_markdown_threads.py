"""The Markdown sanitiser is safe under threads (issue 14, defect 7): gunicorn's threaded workers
render from several threads at once; one shared bleach cleaner broke there (html5lib's tokenizer
keeps state) with ``IndexError: pop from empty list`` or mixed-up output."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from portal.core.markdown import render_markdown

TEXTS = [
    f"## Kop {i}\n\nEen **gesprek** op het AZC over taal en werk, zie https://example.org/{i} "
    f"of mail naar iemand{i}@example.org.\n\n- punt <b>{i}</b>\n- `code {i}`\n\n"
    f"<script>alert({i})</script> [link](javascript:alert({i}))\n\n" + "tekst " * (i % 40)
    for i in range(64)
]


def test_rendering_from_many_threads_at_once_gives_each_its_own_result():
    expected = [str(render_markdown(text)) for text in TEXTS]
    start = threading.Barrier(8)

    def work(offset: int) -> list[tuple[int, str]]:
        start.wait()
        out = []
        for round_ in range(4):
            for i in range(len(TEXTS)):
                n = (i + offset + round_) % len(TEXTS)
                out.append((n, str(render_markdown(TEXTS[n]))))
        return out

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [f.result() for f in [pool.submit(work, k) for k in range(8)]]
    wrong = [(n, html) for result in results for n, html in result if html != expected[n]]
    assert not wrong, f"{len(wrong)} renders differ, e.g. {wrong[0]}"
    assert "<script>" not in "".join(expected) and "javascript:" not in "".join(expected)


def test_a_long_unbroken_run_is_broken_so_sanitising_stays_linear():
    """A 20,000-character word froze a gunicorn worker for a minute inside bleach's linkify."""
    html = str(render_markdown("y" * 20_000))
    runs = html.replace("<p>", " ").replace("</p>", " ").split("\u200b")
    assert html.count("y") == 20_000
    assert max(len(run.strip()) for run in runs) <= 200
