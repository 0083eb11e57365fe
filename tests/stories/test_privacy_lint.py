"""The privacy lint finds BSNs, phone numbers, e-mail addresses, IBANs, street addresses and birth
dates, and nothing else."""

from __future__ import annotations

import pytest

from portal.stories.privacy_lint import Finding, find_identifiers, iban_is_valid, passes_11_check


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


# --- addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Zijn postcode is 3841 AB, zei hij.", "3841 AB"),
        ("Zijn postcode is 3841AB, zei hij.", "3841AB"),
        ("Zijn postcode is 3841\u00a0AB, zei hij.", "3841\u00a0AB"),
        ("Ze woont op 9999 ZZ.", "9999 ZZ"),
        ("Het adres is 2011 AB Haarlem.", "2011 AB"),  # reads as a year, but a place follows
        ("Hij woont aan de Stationsstraat 12 sinds mei.", "Stationsstraat 12"),
        ("Hij woont aan de Stationsstraat 12a.", "Stationsstraat 12a"),
        ("Adres: Kerkweg 7-II", "Kerkweg 7-II"),
        ("Adres: Kerkweg 7 bis", "Kerkweg 7 bis"),
        ("Adres: Kerkweg\u00a0118A", "Kerkweg\u00a0118A"),
        ("op de Oude Gracht 3-hs", "Oude Gracht 3-hs"),
        ("in het Plantsoen? Nee, Julianaplantsoen 4.", "Julianaplantsoen 4"),
        ("op de Grote Markt 3 in het centrum", "Grote Markt 3"),
        ("ze woont aan de Van Goghlaan 7.", "Van Goghlaan 7"),
        ("aan de Willem de Zwijgerlaan 3", "Willem de Zwijgerlaan 3"),
        ("In de Kerkstraat 5 woont zijn neef.", "Kerkstraat 5"),
        ("bij de Jan-Pieterszoon-Coenstraat 21", "Jan-Pieterszoon-Coenstraat 21"),
        ("Stationsstraat 12a, 3841 AB Harderwijk", "Stationsstraat 12a, 3841 AB"),
        ("Stationsstraat 12a 3841AB", "Stationsstraat 12a 3841AB"),
        ("Kerkweg 1\n3841 AB Harderwijk", "Kerkweg 1\n3841 AB"),
        ("Westring 200, 2011 AB", "Westring 200, 2011 AB"),  # a year-like postcode after a street
    ],
)
def test_addresses_are_found(text, address):
    assert kinds(text) == [("address", address)]


@pytest.mark.parametrize(
    "text",
    [
        "hij woont aan de Kerkstraat",
        "hij woont aan de Kerkstraat, nummer weet ik niet",
        "zijn dochter zit in groep 8, Groep 8 of Ronde 14",
        "ronde 14 van 2025",
        "kamer 0.12 en huisnummer 101",
        "In 2015 vluchtte hij, in 2023 AI gebruikt hij niet",
        "sinds 2019 EU-burger",
        "€ 1.250,00 en 45% goed",
        "niveau A2 of B1",
        "1234 ab is lowercase",
        "3841 SA, 3841 SD en 3841 SS worden niet uitgegeven",
        "0841 AB begint met een nul",
        "kenmerk 13841 AB, code X3841AB, 3841ABC en 3841 AB2",
        "referentie 2024/3841 AB",
        "Markt 3, Weg 12 en Plein 1944",
        "De Ring 3 keer rond",
        "Ervaring 2 jaar, Leerpad 3 en Verklaring 12",
        "de Kerkstraat 12:30 uur en de Kerkweg 14.30 uur",
        "Kerkweg 0 en Kerkweg 12345",
    ],
)
def test_things_that_are_no_address_are_not_flagged(text):
    assert find_identifiers(text) == []


def test_arabic_text_around_a_dutch_address():
    text = "قال لي إنه يسكن في Stationsstraat 12a، 3841 AB هاردرفايك 😀\nوالرمز ٣٨٤١ أب"
    findings = find_identifiers(text)
    assert [(f.kind, f.text, f.line) for f in findings] == [
        ("address", "Stationsstraat 12a، 3841 AB", 1)
    ]
    assert text[findings[0].start : findings[0].end] == findings[0].text


def test_address_offsets_and_lines():
    text = "Eerste regel.\nTweede: Kerkweg 7,\n3841\u00a0AB Harderwijk\nen los 6543 XY"
    findings = find_identifiers(text)
    assert [(f.kind, f.text, f.line) for f in findings] == [
        ("address", "Kerkweg 7,\n3841\u00a0AB", 2),
        ("address", "6543 XY", 4),
    ]
    for f in findings:
        assert text[f.start : f.end] == f.text
    assert findings[0].start == text.index("Kerkweg")


# --- birth dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Hij is geboren op 12-03-1985 in Asmara.", "12-03-1985"),
        ("geboren 12/03/1985", "12/03/1985"),
        ("Geboren: 12.03.1985", "12.03.1985"),
        ("geboortedatum: 1985-03-12", "1985-03-12"),
        ("Zijn geboortedatum is 1-3-85.", "1-3-85"),
        ("geb. 3 mei 1990", "3 mei 1990"),
        ("GEB. 12 mrt 1985", "12 mrt 1985"),
        ("geboren op dinsdag 12 maart 1985", "12 maart 1985"),
        ("geboren in Eritrea op 12-03-1985", "12-03-1985"),
        ("haar geboortedag (12 mrt. 1985) vieren we", "12 mrt. 1985"),
        ("born on 3 March 1985", "3 March 1985"),
        ("Date of birth: March 3, 1985", "March 3, 1985"),
        ("DOB 03/03/1985", "03/03/1985"),
        ("d.o.b. 1985-03-12", "1985-03-12"),
        ("وُلد geboren op 12-03-1985 في أسمرة", "12-03-1985"),
    ],
)
def test_birth_dates_are_found(text, date):
    assert kinds(text) == [("birthdate", date)]


@pytest.mark.parametrize(
    "text",
    [
        "op 12-03-2024 kwam hij naar Harderwijk",
        "sinds 1 april werkt hij",
        "afspraak op 1985-03-12",
        "Op dinsdag 12 maart 2024 om 14.30 uur",
        "hij is geboren in 1985",
        "geboren op 12 maart",
        "geboren in Eritrea en kwam op 12-03-2024 naar Nederland",
        "Hij is geboren in Eritrea. Op 12-03-2024 kwam hij hier.",
        "de ongeboren baby wordt op 12-03-2025 verwacht",
        "een pasgeboren kind, 12-03-2024",
        "geboren op 12-03-19851",
        "born in Asmara, came on 3 March 2015 to the Netherlands",
    ],
)
def test_dates_without_a_birth_cue_are_not_flagged(text):
    assert find_identifiers(text) == []


def test_birth_date_line_and_offsets():
    text = "Intake\n\nNaam: (weggelaten)\ngeboortedatum:\n12-03-1985\nBSN: weggelaten"
    findings = find_identifiers(text)
    start = text.index("12-03")
    assert findings == [Finding("birthdate", "12-03-1985", start, start + 10, 5)]


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


def test_realistic_dutch_story_flags_only_the_address():
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
Zijn jongste is in 2023 geboren, in Zwolle; op 14-02-2025 gingen ze naar de Kerkstraat.
"""
    findings = find_identifiers(story)
    assert [(f.kind, f.text, f.line) for f in findings] == [
        ("address", "Stationsstraat 12a, 3841 AB", 4)
    ]


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
    assert find_identifiers("A" * 20_000 + " 12") == []
    assert find_identifiers("Aweg " * 20_000) == []
    assert find_identifiers("geboren " * 20_000) == []
    assert find_identifiers("geboren" + " " * 20_000 + "a" * 20_000) == []
    assert find_identifiers("1234 A" * 20_000) == []
