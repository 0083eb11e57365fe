"""The privacy lint finds BSNs, phone numbers, e-mail addresses and IBANs, and nothing else."""

from __future__ import annotations

import pytest

from portal.privacy_lint import Finding, find_identifiers, iban_is_valid, passes_11_check


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_identifiers(text)]


# --- BSN -------------------------------------------------------------------------------------


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "012345672", "999999990"])
def test_valid_bsns_pass_the_11_check(bsn):
    assert passes_11_check(bsn)


@pytest.mark.parametrize(
    "digits", ["123456789", "111222334", "987654321", "000000000", "12345678", "1234567820"]
)
def test_invalid_bsns_fail_the_11_check(digits):
    assert not passes_11_check(digits)


@pytest.mark.parametrize(
    "written",
    ["111222333", "123456782", "123.456.782", "123 456 782", "123-456-782", "1234.56.782"],
)
def test_bsn_is_found_as_written(written):
    assert kinds(f"Zijn BSN is {written}, zei hij.") == [("bsn", written)]


def test_bsn_with_leading_zero_counts_when_written_with_the_zero():
    assert kinds("bsn 012345672") == [("bsn", "012345672")]
    assert kinds("nummer 12345672") == []  # eight digits: far more often a date or reference


@pytest.mark.parametrize(
    "text",
    [
        "dossier 123456789 is gesloten",  # fails the 11-check
        "referentie 987654321",
        "000000000",
        "1112223334 is te lang",
        "een bedrag van € 111.222.333 op de begroting",
        "EUR 111222333",
        "kenmerk 111.222.333,50",
        "code X111222333",
    ],
)
def test_numbers_that_are_no_bsn_are_not_flagged(text):
    assert find_identifiers(text) == []


# --- phone numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "0612345678",
        "06 12345678",
        "06 1234 5678",
        "06-1234 5678",
        "06 12 34 56 78",
        "+31 6 12345678",
        "+31612345678",
        "+31 (0)6 12345678",
        "0031 6 12345678",
        "0031612345678",
        "020-1234567",
        "020 123 4567",
        "010 - 123 45 67",
        "0341 123 456",
        "0341-123456",
        "(0341) 123456",
        "(020) 123 4567",
        "074 2657219",
        "+31 (0)20 123 4567",
        "0800-1234",
        "0900-1234567",
        "+32 2 123 45 67",
        "+49 30 1234567",
    ],
)
def test_phone_numbers_are_found(phone):
    assert kinds(f"Bel me op {phone} als er iets is.") == [("phone", phone)]


def test_phone_number_at_the_end_of_a_sentence_stops_before_the_period():
    assert kinds("Haar nummer is 06-12345678.") == [("phone", "06-12345678")]


def test_two_phone_numbers_next_to_each_other_are_found_separately():
    assert kinds("0341 123456 06 12345678") == [
        ("phone", "0341 123456"),
        ("phone", "06 12345678"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "06-1234567 heeft te weinig cijfers",
        "04545605040 heeft te veel cijfers",
        "Op 06-12-2024 14:30 uur hadden we een afspraak.",
        "Op 01-03-2024 10 keer gebeld",
        "tussen 0 en 100",
        "versie 0.12.3",
    ],
)
def test_things_that_look_a_bit_like_phone_numbers_are_not_flagged(text):
    assert find_identifiers(text) == []


# --- e-mail ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    ["naam@voorbeeld.nl", "j.de.vries+intake@gemeente-harderwijk.nl", "KLANT_1@Mail.Example.COM"],
)
def test_email_addresses_are_found(email):
    assert kinds(f"Mail naar {email}.") == [("email", email)]


@pytest.mark.parametrize("text", ["@voorbeeld.nl", "naam@", "naam@localhost", "a @ b.nl"])
def test_incomplete_email_addresses_are_not_flagged(text):
    assert find_identifiers(text) == []


def test_an_email_address_that_contains_a_bsn_is_one_finding():
    assert kinds("111222333@voorbeeld.nl") == [("email", "111222333@voorbeeld.nl")]


# --- IBAN ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164300",
        "NL91 ABNA 0417 1643 00",
        "nl91abna0417164300",
        "BE68 5390 0754 7034",
        "DE89 3704 0044 0532 0130 00",
        "GB82 WEST 1234 5698 7654 32",
        "FR1420041010050500013M02606",
    ],
)
def test_valid_ibans_are_found(iban):
    assert iban_is_valid(iban)
    assert kinds(f"Het geld gaat naar {iban} voor de huur.") == [("iban", iban)]


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164301",  # wrong check
        "NL92ABNA0417164300",
        "NL91 ABNA 0417 1643 0",  # too short for NL
        "NL91ABNA04171643001",  # too long for NL
        "BE68 5390 0754 7035",
    ],
)
def test_invalid_ibans_are_not_flagged(iban):
    assert not iban_is_valid(iban)
    assert [f for f in find_identifiers(f"rekening {iban}") if f.kind == "iban"] == []


def test_spaced_iban_followed_by_a_word_ends_at_the_iban():
    assert kinds("BE68 5390 0754 7034 voor de huur") == [("iban", "BE68 5390 0754 7034")]


# --- offsets, lines, robustness --------------------------------------------------------------


def test_offsets_and_line_numbers_are_correct():
    text = (
        "Eerste regel zonder iets.\n"
        "Bel 06-12345678 of mail naar klant@voorbeeld.nl\n"
        "\n"
        "BSN 111.222.333 en rekening NL91 ABNA 0417 1643 00"
    )
    findings = find_identifiers(text)
    assert [(f.kind, f.line) for f in findings] == [
        ("phone", 2),
        ("email", 2),
        ("bsn", 4),
        ("iban", 4),
    ]
    for f in findings:
        assert text[f.start : f.end] == f.text
    assert findings[0] == Finding("phone", "06-12345678", 30, 41, 2)


def test_realistic_dutch_story_has_no_findings():
    story = """# Kennismaking op het AZC

Op dinsdag 12 maart 2024 om 14.30 uur (of was het 9:15?) zat ik met een jonge vader uit Eritrea
in een kamertje op het AZC. Hij woont sinds 12-03-2024 aan de Stationsstraat 12a, 3841 AB
Harderwijk; de verhuizing op 2024-03-12 kostte € 1.250,00 en de inrichting nog eens € 250.

- taaltoets: niveau A2, 45% goed, 8 dagdelen les per week
- uitkering sinds 1 april, ronde 14 van 2025, dossier 2024/0815
- afspraak op 06-12-2024 14:30 en op 07.01.2025 om 10.00 uur
- huisnummer 101, kamer 0.12, 3 kinderen van 4, 7 en 12 jaar

In 2015 vluchtte hij, na 1.200 km lopen. Zijn oudste zit in groep 8; de jongste is 2½.
Hij verdiende in de proefplaats € 12,50 per uur, 32 uur per week, 1.664 uur per jaar.
"""
    assert find_identifiers(story) == []


def test_arabic_text_and_emoji_do_not_crash_and_keep_offsets():
    text = "قال لي: اتصل بي على 06-12345678 😀🙏🏽 شكراً\nتيغرينيا ሰላም 👍"
    findings = find_identifiers(text)
    assert [(f.kind, f.text, f.line) for f in findings] == [("phone", "06-12345678", 1)]
    assert text[findings[0].start : findings[0].end] == "06-12345678"
    assert find_identifiers("مرحبا بكم في هولندا 🇳🇱 ١٢٣٤٥٦٧٨٩") == []


def test_empty_text_has_no_findings():
    assert find_identifiers("") == []


def test_long_runs_of_digits_and_separators_are_handled():
    assert find_identifiers("1" * 20_000) == []
    assert find_identifiers("0 " * 20_000) == []
    assert find_identifiers("a." * 20_000 + "@") == []
