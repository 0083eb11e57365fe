"""Hostile input for every route (issue 14, defect 5), shared by tests/policy/test_input_walk.py
and the soak run (soak/): the values, URLs with hostile path parameters, and the forms of a page
(to post each field with a hostile value while the others keep what the page filled in)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote

#: Integers no id column holds (PostgreSQL integer, SQLite 64 bit).
HOSTILE_INTS = ("2147483648", "9223372036854775808")
#: Text PostgreSQL refuses (NUL; without it a malformed number), and a value that is at once
#: longer than any short column and a number past every integer type. Each value does two jobs
#: so that every route gets every kind of hostile input in four requests, not six.
HOSTILE_TEXT = ("a\x00b", "9" * 3000)
#: Field values for the one-field-at-a-time walk of a form (the same kinds, three requests).
FIELD_VALUES = ("2147483648", "a\x00b", "9" * 3000)
#: Query strings every route is sent (the names the portal's views read, and some more).
QUERY_NAMES = (
    "page", "rpage", "cycle", "team", "respondent", "shared", "next", "kind", "story",
    "question", "id", "status", "from", "to", "cycle_from", "cycle_to", "q", "locale", "go",
)  # fmt: skip

_ARG = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def path_variants(rule: str) -> list[str]:
    """URLs of ``rule`` with every parameter hostile: ints out of range, NUL and overlong text."""
    if "<" not in rule:
        return []
    urls = []
    for value in ("2147483648", "9223372036854775808", "2147483647"):
        urls.append(_ARG.sub(lambda m, v=value: v if m.group(1) == "int" else "1", rule))
    if any(m.group(1) != "int" for m in _ARG.finditer(rule)):
        for text in ("a%00b", "z" * 2000, quote("é" * 50)):
            urls.append(_ARG.sub(lambda m, t=text: "7" if m.group(1) == "int" else t, rule))
    return urls


def hostile_query(value: str) -> dict[str, str]:
    return {name: value for name in QUERY_NAMES}


@dataclass
class Form:
    action: str | None
    method: str
    #: (name, value) as the page fills them in (checked boxes, the selected or first option).
    fields: list[tuple[str, str]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: tuple[str, list[str], list[str]] | None = None
        self._textarea: tuple[str, list[str]] | None = None

    @property
    def _form(self) -> Form | None:
        return self.forms[-1] if self.forms else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action") or None, (a.get("method") or "get").lower()))
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if name not in form.names:
                form.names.append(name)
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            form.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = (name, [], [])
            if name not in form.names:
                form.names.append(name)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select[1].append(value)
            if "selected" in a:
                self._select[2].append(value)
        elif tag == "textarea" and name:
            self._textarea = (name, [])
            if name not in form.names:
                form.names.append(name)
        elif tag == "button" and name and name not in form.names:
            form.names.append(name)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        form = self._form
        if tag == "select" and self._select is not None and form is not None:
            name, options, selected = self._select
            chosen = selected[:1] or options[:1]
            form.fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and form is not None:
            form.fields.append((self._textarea[0], "".join(self._textarea[1]).lstrip("\n")))
            self._textarea = None


def forms_of(html: str) -> list[Form]:
    """The POST forms of a page."""
    parser = _FormParser()
    parser.feed(html)
    return [form for form in parser.forms if form.method == "post"]


def with_value(form: Form, name: str, value: str) -> list[tuple[str, str]]:
    """The form's own values, with field ``name`` set to ``value`` (added when the page left it
    out, as an unchecked box)."""
    fields = [(n, v) for n, v in form.fields if n != name]
    return [*fields, (name, value)]
