"""Find things in a text that identify a person (DESIGN §9, "Privacy helpers").

``find_identifiers(text)`` returns the BSNs, phone numbers, e-mail addresses, IBANs, street
addresses and birth dates in a story text, with their offsets and line numbers, so the writer can
be warned before submitting. The module is pure (no database, no Flask) and fast: every pattern is
compiled once, candidates are found by regular expressions and then checked in Python (the
11-check for a BSN, mod-97 for an IBAN, the shape of a Dutch number for a phone, the suffix of a
street name), so dates, times, amounts, years and house numbers on their own do not raise false
alarms. What to tell the writer is the view's concern: it translates ``Finding.kind``.

What counts:

- ``bsn``: nine digits, written together or grouped as ``123.456.782``, ``123 456 782``,
  ``123-456-782`` or ``1234.56.782``, that pass the 11-check (9×d1 + 8×d2 + … + 2×d8 − 1×d9
  divisible by 11, not all zeros). A BSN with a leading zero counts when written with that zero
  (``012345672``); eight loose digits are not checked, they are far more often a date or a
  reference. A number right after a currency sign (``€ 123.456.789``) is an amount, not a BSN.
- ``phone``: Dutch numbers of ten digits (``06-12345678``, ``06 1234 5678``, ``020-1234567``,
  ``0341 123 456``, ``(0341) 123456``), the same after ``+31`` or ``0031`` (``+31 6 12345678``,
  ``+31 (0)20 123 4567``), service numbers (``0800-1234``, ``0900-1234567``) and other
  international numbers written with ``+`` and a country code. Digit groups must be grouped the way
  phone numbers are written, so ``06-12-2024 14:30`` (a date and a time) is not a phone number.
- ``email``: an address like ``naam@voorbeeld.nl``.
- ``iban``: ``NL91ABNA0417164300`` or ``NL91 ABNA 0417 1643 00``, any country, with a valid mod-97
  check digit pair and, for the countries we know, the right length.
- ``address``: a Dutch postcode written in full (``3841 AB``, ``3841AB``, a no-break space also
  does): four digits not starting with 0, two capitals other than SA, SD and SS, not glued to a
  word or a longer number. A postcode that reads as a year (1900–2099, "in 2023 AI") only counts
  right after a street and number or before a place name with a capital. And a street with a
  house number: a capitalised word ending in a street suffix (``Stationsstraat``, ``Kerkweg``,
  ``Zwijgerlaan``; see ``_STREET_SUFFIXES``; the bare suffix only after a capitalised word,
  ``Grote Markt 3`` but not ``Markt 3``; not nouns like ``Ervaring 2`` or ``Leerpad 3``) and a
  number of one to four digits with an optional addition (``12``, ``12a``, ``12-II``,
  ``12 bis``). Capitalised words and name particles right before the street are part of the
  finding (``Van Goghlaan 7``, ``Willem de Zwijgerlaan 3``, but ``In de Kerkstraat 5`` gives
  ``Kerkstraat 5``). A street followed by its postcode (``Stationsstraat 12a, 3841 AB``, also
  across one line break) is *one* finding from the street to the postcode; the place name after
  it is not included. A street without a number (``aan de Kerkstraat``) is not a finding.
- ``birthdate``: a date (``12-03-1985``, ``12/03/85``, ``12.03.1985``, ``1985-03-12``,
  ``12 maart 1985``, ``12 mrt. 1985``, ``3 March 1985``, ``March 3, 1985``) at most three words
  after a birth cue (``geboren``, ``geb.``, ``geboortedatum``, ``geboortedag``, ``born``,
  ``date of birth``, ``DOB``, ``d.o.b.``, any case) in the same sentence. The finding's text is
  the date only, not the cue. A date without a cue (``op 12-03-2024 kwam hij``) is not a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

Kind = Literal["bsn", "phone", "email", "iban", "address", "birthdate"]

__all__ = ["Finding", "Kind", "find_identifiers", "iban_is_valid", "passes_11_check"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifier: its kind, the text as written, ``text[start:end]``, and its 1-based line."""

    kind: Kind
    text: str
    start: int
    end: int
    line: int


# --- patterns --------------------------------------------------------------------------------

_SP = "[ \u00a0]"  # a space or a non-breaking space

# Numbers must stand on their own: not glued to a word, not part of a longer number or amount.
_NUM_BEFORE = r"(?<![\w+])(?<![0-9][.,])"
_NUM_AFTER = r"(?!\w)(?![.,][0-9])"

_BSN_RE = re.compile(
    _NUM_BEFORE
    + r"(?:[0-9]{9}"  # 123456782
    + r"|[0-9]{3}([. \-])[0-9]{3}\1[0-9]{3}"  # 123.456.782, 123 456 782, 123-456-782
    + r"|[0-9]{4}([. ])[0-9]{2}\2[0-9]{3})"  # 1234.56.782
    + _NUM_AFTER
)
_CURRENCY_BEFORE_RE = re.compile(r"(?:€|\bEUR|\beur|\bEuro|\beuro)\s*$")

# A phone candidate: an optional prefix (+31 / 0031 with an optional "(0)", a bracketed area
# code, another "+country"), then digit groups separated by one space or one hyphen (with optional
# spaces around it). The groups are checked in Python; a candidate that runs on into the next
# number is cut back to its longest valid prefix of groups.
_GROUP_SEP = rf"(?:{_SP}?-{_SP}?|{_SP})"
_PHONE_RE = re.compile(
    r"(?<![\w+(])(?<![0-9][.,])"
    r"(?P<prefix>"
    rf"(?:\+|00)31{_SP}?(?:\(0\){_SP}?)?"
    rf"|\((?P<area>0[0-9]{{1,3}})\){_SP}?"
    rf"|\+(?P<cc>[1-9][0-9]{{0,2}}){_GROUP_SEP}?"
    r"|(?=0[1-9])"
    r")"
    rf"[0-9]+(?:{_GROUP_SEP}[0-9]+){{0,6}}"
)
_DIGITS_RE = re.compile(r"[0-9]+")

_EMAIL_RE = re.compile(
    r"(?<![\w.%+\-])[\w%+\-]+(?:\.[\w%+\-]+)*"  # local part
    r"@(?:[^\W_](?:[\w\-]*[^\W_])?\.)+[^\W0-9_]{2,}(?![\w@])"  # domain labels and a TLD
)

_IBAN_RE = re.compile(
    r"(?<!\w)[A-Za-z]{2}[0-9]{2}"
    rf"(?:[A-Za-z0-9]{{11,30}}|(?:{_SP}[A-Za-z0-9]{{4}}){{2,7}}(?:{_SP}[A-Za-z0-9]{{1,4}})?)"
    r"(?!\w)"
)
_IBAN_GROUP_RE = re.compile(rf"{_SP}[A-Za-z0-9]+")

# Lengths of IBANs for the countries we are most likely to meet; others must be 15–34 long.
_IBAN_LENGTHS = {
    "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
    "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IQ": 23,
    "IT": 27, "JO": 30, "LB": 28, "LT": 20, "LU": 20, "LV": 21, "MT": 31, "NL": 18, "NO": 15,
    "PL": 28, "PS": 29, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SY": 31, "TR": 26,
    "UA": 29,
}  # fmt: skip
_NL_BBAN_RE = re.compile(r"[A-Z]{4}[0-9]{10}")

# A postcode: 1000–9999, an optional space, two capitals (SA, SD and SS are never issued).
_POSTCODE_RE = re.compile(
    rf"(?<![\w+/\-])(?<![0-9][.,])[1-9][0-9]{{3}}{_SP}?(?!S[ADS])[A-Z]{{2}}(?![\w\-])"
)
# What may stand between a street and number and its postcode, and a place name after a postcode.
_ADDRESS_GAP_RE = re.compile(r"[,،]?[ \u00a0\t]*(?:\n[ \u00a0\t]*)?")
_PLACE_AFTER_RE = re.compile(r"[,،]?[ \u00a0\t]*\n?[ \u00a0\t]*(?:'s-|'t |[A-Z])")

# A word (letters, maybe joined by ' or -) followed by a house number; whether the word is a
# street is checked in Python. The quantifiers on the word are possessive: no backtracking.
_STREET_RE = re.compile(
    r"(?<![\w'\-])(?P<street>[^\W\d_]++(?:['\-][^\W\d_]++)*+)"
    rf"{_SP}[1-9][0-9]{{0,3}}(?:-[0-9A-Za-z]{{1,4}}|{_SP}?(?:bis|hs)|[A-Za-z])?"
    r"(?![\w\-])(?![.,:/][0-9])"
)
_STREET_SUFFIXES = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dreef", "hof", "pad", "steeg",
    "park", "dijk", "markt", "plantsoen", "erf", "baan", "ring",
)  # fmt: skip
# Common nouns that end like a street ("Ervaring 2", "Leerpad 3"): not streets.
_NOT_STREET_ENDINGS = ("ering", "aring")
_NOT_STREETS = frozenset({"leerpad", "loopbaan", "arbeidsmarkt", "woningmarkt", "onderweg"})
_NAME_PARTICLES = frozenset({"van", "de", "der", "den", "het", "ten", "ter", "la", "le"})
_WORD_BEFORE_RE = re.compile(r"(?<!\S)([^\W\d_][\w'\-]*)[ \u00a0]$")

# A birth cue, at most three words (same sentence), then a date; the finding is the date.
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_YEAR = r"(?:19|20)[0-9]{2}"
_MONTH_NAMES = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    r"|december|january|february|march|may|june|july|august|october"
    r"|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec)\.?"
)
_BIRTH_RE = re.compile(
    r"(?<!\w)(?:(?:geboren|geboortedatum|geboortedag|born|date[ \u00a0]+of[ \u00a0]+birth|dob)"
    r"(?!\w)|(?:geb|d\.o\.b)\.)"
    r"(?:[\s:,()=\-]++[^\W\d_]++){0,3}[\s:,()=\-]*+"
    r"(?P<date>"
    rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"  # 1985-03-12
    rf"|{_DAY}(?P<sep>[\-/.])(?:0?[1-9]|1[0-2])(?P=sep)(?:{_YEAR}|[0-9]{{2}})"  # 12-03-1985
    rf"|{_DAY}(?:e|ste|de)?{_SP}+{_MONTH_NAMES}{_SP}+{_YEAR}"  # 12 maart 1985
    rf"|{_MONTH_NAMES}{_SP}+{_DAY}(?:st|nd|rd|th)?,?{_SP}+{_YEAR}"  # March 3, 1985
    r")(?![0-9])",
    re.IGNORECASE,
)

_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")


# --- checks ----------------------------------------------------------------------------------


def passes_11_check(digits: str) -> bool:
    """Whether nine digits pass the BSN 11-check (and are not all zeros)."""
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True))
    return total % 11 == 0 and digits != "000000000"


def iban_is_valid(iban: str) -> bool:
    """Whether an IBAN (spaces allowed, any case) has the right length and mod-97 check."""
    compact = iban.replace(" ", "").replace("\u00a0", "").upper()
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", compact):
        return False
    country = compact[:2]
    expected = _IBAN_LENGTHS.get(country)
    if expected is not None and len(compact) != expected:
        return False
    if country == "NL" and not _NL_BBAN_RE.fullmatch(compact[4:]):
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _subscriber_grouping_ok(sizes: list[int]) -> bool:
    """Phone numbers are written in groups like 12345678, 1234 5678, 123 4567 or 12 34 56 78."""
    if len(sizes) <= 1:
        return True
    if min(sizes) < 2 or max(sizes) > 4:
        return False
    return all(s == 2 for s in sizes) or sizes[0] in (3, 4)


def _dutch_phone_ok(groups: list[str]) -> bool:
    """``groups`` are the digit groups of a national number (area code first, with its 0)."""
    national = "".join(groups)
    if national.startswith(_SERVICE_PREFIXES):
        return len(national) in (8, 11) and (len(groups) == 1 or groups[0] in _SERVICE_PREFIXES)
    if len(national) != 10 or national[1] == "0":
        return False
    if len(groups) == 1:
        return True
    area = groups[0]  # 06, or a fixed-line area code of three or four digits
    if area != "06" and len(area) not in (3, 4):
        return False
    return _subscriber_grouping_ok([len(g) for g in groups[1:]])


def _phone_groups_ok(match: re.Match[str], groups: list[str]) -> bool:
    if match.group("area"):
        return _dutch_phone_ok([match.group("area"), *groups])
    if match.group("cc"):
        return 8 <= len(match.group("cc")) + sum(len(g) for g in groups) <= 15
    if match.group("prefix"):  # +31 / 0031: the area code is written without its 0
        return not groups[0].startswith("0") and _dutch_phone_ok(["0" + groups[0], *groups[1:]])
    return _dutch_phone_ok(groups)


def _phone_end(match: re.Match[str]) -> int | None:
    """The end of the longest valid phone number in a candidate, or None."""
    body_start = match.start() + len(match.group("prefix"))
    digit_runs = list(_DIGITS_RE.finditer(match.string, body_start, match.end()))
    groups = [run.group() for run in digit_runs]
    for count in range(len(groups), 0, -1):
        if _phone_groups_ok(match, groups[:count]):
            return digit_runs[count - 1].end()
    return None


# --- addresses -------------------------------------------------------------------------------


def _street_word(word: str) -> str | None:
    """``"name"`` for a word that names a street (``Stationsstraat``), ``"suffix"`` for a bare
    suffix (``Markt``: a street only after a capitalised word, ``Grote Markt``), else None."""
    lower = word.lower()
    suffix = next((x for x in _STREET_SUFFIXES if lower.endswith(x)), None)
    if suffix is None or not word[0].isupper():
        return None
    if len(word) == len(suffix):
        return "suffix"
    if lower.endswith(_NOT_STREET_ENDINGS) or lower in _NOT_STREETS:
        return None
    return "name"


def _street_start(text: str, start: int) -> int:
    """Move the start of a street back over its name: ``Van Goghlaan``, ``Willem de Zwijgerlaan``.

    Capitalised words count; a particle (``de``, ``van``) only between two of them, and then not
    after a word that starts a sentence (``In de Kerkstraat 5`` is the street ``Kerkstraat``)."""
    best = pos = start
    for _ in range(3):
        m = _WORD_BEFORE_RE.search(text, max(0, pos - 40), pos)
        if m is None:
            break
        word, pos = m.group(1), m.start(1)
        if not word[0].isupper():
            if word in _NAME_PARTICLES:
                continue
            break
        if m.end(1) + 1 != best:  # particles in between
            before = text[max(0, pos - 20) : pos].rstrip(" \u00a0\t")
            if not before or before[-1] in ".!?:\n":
                break
        best = pos
    return best


def _addresses(text: str) -> Iterator[tuple[int, int]]:
    """Streets with a number and postcodes; a street directly followed by its postcode is one."""
    postcodes = {m.start(): m for m in _POSTCODE_RE.finditer(text)}
    joined: set[int] = set()
    for m in _STREET_RE.finditer(text):
        word = _street_word(m.group("street"))
        if word is None:
            continue
        start = _street_start(text, m.start())
        name_before = text[start : m.start()].split()
        if word == "suffix" and (not name_before or name_before[-1].lower() in _NAME_PARTICLES):
            continue  # "Grote Markt 3", not "Markt 3" or "De Ring 3"
        end = m.end()
        gap = _ADDRESS_GAP_RE.match(text, end)  # always matches: the gap may be empty
        postcode = postcodes.get(gap.end()) if gap else None
        if postcode is not None:
            joined.add(postcode.start())
            end = postcode.end()
        yield start, end
    for start, m in postcodes.items():
        if start in joined:
            continue
        if 1900 <= int(m.group()[:4]) <= 2099 and not _PLACE_AFTER_RE.match(text, m.end()):
            continue  # "in 2023 AI": a year, not a postcode
        yield start, m.end()


# --- the finder ------------------------------------------------------------------------------


def _scan(
    pattern: re.Pattern[str], text: str, end_of: Callable[[re.Match[str]], int | None]
) -> Iterator[tuple[int, int]]:
    """Matches of ``pattern`` cut to their valid part; scanning goes on right after that part, so
    a candidate that ran on into the next number does not hide it."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        end = end_of(m)
        if end is None:
            pos = m.start() + 1
        else:
            yield m.start(), end
            pos = end


def _candidates(text: str) -> list[tuple[int, int, Kind]]:
    found: list[tuple[int, int, Kind]] = []
    for m in _EMAIL_RE.finditer(text):
        found.append((m.start(), m.end(), "email"))
    for start, end in _scan(_IBAN_RE, text, _iban_end):
        found.append((start, end, "iban"))
    for start, end in _scan(_PHONE_RE, text, _phone_end):
        found.append((start, end, "phone"))
    for m in _BSN_RE.finditer(text):
        digits = m.group().replace(".", "").replace(" ", "").replace("-", "")
        if not passes_11_check(digits):
            continue
        if _CURRENCY_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()):
            continue
        found.append((m.start(), m.end(), "bsn"))
    for start, end in _addresses(text):
        found.append((start, end, "address"))
    for m in _BIRTH_RE.finditer(text):
        found.append((m.start("date"), m.end("date"), "birthdate"))
    return found


def _iban_end(match: re.Match[str]) -> int | None:
    """The end of the longest valid IBAN in a candidate (a spaced IBAN may run into a word)."""
    written = match.group()
    ends = [len(written)]
    for g in reversed(list(_IBAN_GROUP_RE.finditer(written))):
        ends.append(g.start())
    for end in ends:
        if iban_is_valid(written[:end]):
            return match.start() + end
    return None


def find_identifiers(text: str) -> list[Finding]:
    """Every BSN, phone number, e-mail address, IBAN, address and birth date in ``text``, in order
    of appearance.

    Where two candidates overlap (a BSN inside an e-mail address, nine digits after ``+31``), the
    one that starts first wins, and of two that start together the longer one."""
    if not text:
        return []
    candidates = sorted(_candidates(text), key=lambda c: (c[0], -(c[1] - c[0])))
    findings: list[Finding] = []
    last_end = -1
    line, line_pos = 1, 0
    for start, end, kind in candidates:
        if start < last_end:
            continue
        line += text.count("\n", line_pos, start)
        line_pos = start
        findings.append(Finding(kind, text[start:end], start, end, line))
        last_end = end
    return findings
