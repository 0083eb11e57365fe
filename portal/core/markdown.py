"""The one render function for user Markdown: Markdown → HTML → bleach allow-list.

Safe under threads (gunicorn ``--threads``): a bleach ``Cleaner`` keeps parser state while it
works, so each thread has its own (a new ``Markdown`` instance is made per call already)."""

from __future__ import annotations

import html
import re
import threading
from functools import partial

import bleach
import markdown as md
from bleach.linkifier import LinkifyFilter
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"


def _set_rel(attrs: dict, new: bool = False) -> dict | None:
    href = html.unescape(attrs.get((None, "href"), ""))
    if not href or href.split(":", 1)[0].lower() not in ALLOWED_PROTOCOLS:
        return None  # drop the link, keep its text
    attrs[(None, "rel")] = LINK_REL
    return attrs


_local = threading.local()
#: A run of this many characters without a space gets a zero-width space after it: bleach's linkify
#: takes time quadratic in the length of one unbroken run (20,000 characters: about a minute, with
#: the worker frozen), and the break also lets a long run wrap on a narrow screen.
LONGEST_RUN = 200
_LONG_RUN = re.compile(rf"(\S{{{LONGEST_RUN}}})(?=\S)")
ZWSP = "\u200b"


def _cleaner() -> bleach.Cleaner:
    """This thread's cleaner (html5lib's parser is not safe to share between threads)."""
    cleaner = getattr(_local, "cleaner", None)
    if cleaner is None:
        # Linkify runs as a filter inside the cleaner: a separate pass would escape code text twice.
        cleaner = _local.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[
                partial(
                    LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"}, parse_email=True
                )
            ],
        )
    return cleaner


def render_markdown(text: str | None) -> Markup:
    """Safe HTML for user text: no raw HTML, no images, only http(s)/mailto links."""
    if not text:
        return Markup("")
    text = _LONG_RUN.sub(lambda m: m.group(1) + ZWSP, text.replace("\x00", ""))
    rendered = md.markdown(
        text, extensions=["sane_lists", "nl2br", "fenced_code"], output_format="html"
    )
    return Markup(_cleaner().clean(rendered))
