"""Import: the round trip, paper interviews with a bad row, every kind of bad input, the CLI."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import delete, func, select

from portal.exports import importer
from portal.exports.columns import column_model
from portal.models import AuditEvent, ImportBatch, Role, Story, StoryKind, utcnow
from tests.exports.conftest import read_csv
from tests.helpers import csrf_token, login


@pytest.fixture
def respondents(vb, make_respondent, make_consent):
    """Three respondents of ``vb`` with consent for research and quotes, one without consent."""
    made = []
    for _ in range(3):
        respondent = make_respondent(owner=vb)
        make_consent(respondent, research=True, quotes=True)
        made.append(respondent)
    made.append(make_respondent(owner=vb))  # no consent at all
    return made


def _paper_csv(session, rows: list[dict], delimiter: str = ",") -> bytes:
    """A file as someone would type it from paper: the export's columns, most cells empty."""
    names = [*column_model(session, StoryKind.INTERVIEW, with_text=False).names, "title", "text"]
    out = io.StringIO()
    writer = csv.DictWriter(out, names, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def _paper_row(code: str, n: int, **cells) -> dict:
    row = {
        "respondent": code,
        "framework_version": "1",
        "experienced_on": "2026-03-02",
        "submitted_on": "2026-03-05",
        "story_about_a": "30",
        "story_about_b": "50",
        "story_about_c": "20",
        "story_about_nvt": "0",
        "helped": str(n * 10 % 101),
        "helped_nvt": "0",
        "feeling": "positive",
        "title": f"Papieren interview {n}",
        "text": f"Verteld op papier, nummer {n}.",
    }
    row.update(cells)
    return row


def _upload(client, data: bytes, name: str = "papier.csv"):
    token = csrf_token(client.get("/import"))
    return client.post(
        "/import",
        data={"csrf_token": token, "kind": "interview", "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def _confirm(client, page):
    token = csrf_token(page)
    sha = page.text.split('name="sha256" type="hidden" value="')[1].split('"')[0]
    return client.post(
        "/import/confirm",
        data={"csrf_token": token, "sha256": sha, "kind": "interview", "filename": "papier.csv"},
    )


def test_export_import_into_an_empty_database_export_again_gives_identical_files(
    research_client, session, vb, respondents, make_story, answer
):
    for n, respondent in enumerate(respondents[:3]):
        story = make_story(
            "interview",
            author=vb,
            respondent=respondent,
            submitted=True,
            title=f"=Gesprek {n}",
            body_md=f'Verhaal {n}, met een komma, en een "aanhaling".\nTweede regel.',
            language="ar",
            translation_nl="Vertaling",
            experienced_on=utcnow().date(),
        )
        answer(story, comment=f"Toelichting {n}")
    files = {
        fmt: research_client.get(f"/export/interview.{fmt}").data
        for fmt in ("csv?text=1", "sav?text=1", "csv", "csv?dialect=excel-nl&text=1")
    }
    assert len(read_csv(files["csv?text=1"])) == 3

    session.execute(delete(Story))
    session.commit()
    assert read_csv(research_client.get("/export/interview.csv").data) == []

    preview = _upload(research_client, files["csv?text=1"], "interviews.csv")
    assert preview.status_code == 200 and "3 verhalen zouden worden toegevoegd" in preview.text
    assert _confirm(research_client, preview).status_code == 302
    for fmt, before in files.items():
        assert research_client.get(f"/export/interview.{fmt}").data == before, fmt

    again = _upload(research_client, files["csv?text=1"], "interviews.csv")
    assert again.status_code == 400
    assert "al ingelezen" in again.text and "niet nog eens toegevoegd" in again.text
    renamed = files["csv?text=1"] + b"\r\n"  # another file, the same stories
    refused = _upload(research_client, renamed, "kopie.csv")
    assert refused.text.count("staat al in het portaal") == 3
    assert session.scalar(select(func.count(Story.id))) == 3


def test_ten_paper_interviews_with_one_bad_row_add_nothing_until_it_is_fixed(
    research_client, session, respondents, onderzoeker
):
    codes = [r.code for r in respondents[:3]]
    rows = [_paper_row(codes[n % 3], n) for n in range(10)]
    rows[6]["story_about_c"] = "10"  # 30 + 50 + 10 = 90
    page = _upload(research_client, _paper_csv(session, rows))
    assert page.status_code == 200
    assert "1 rij klopt niet" in page.text and "nu is het 90" in page.text
    assert "9 verhalen zouden worden toegevoegd" in page.text
    assert "/import/confirm" not in page.text
    assert session.scalar(select(func.count(Story.id))) == 0

    rows[6]["story_about_c"] = "20"
    page = _upload(research_client, _paper_csv(session, rows))
    assert "10 verhalen zouden worden toegevoegd" in page.text
    done = _confirm(research_client, page)
    assert done.status_code == 302
    assert "10 verhalen zijn toegevoegd" in research_client.get("/import").text
    exported = read_csv(research_client.get("/export/interview.csv?text=1").data)
    assert len(exported) == 10 and exported[0]["author"].startswith("P-")
    assert {r["story_about_c"] for r in exported} == {"20"}
    assert all(r["story"].startswith("S-") for r in exported)
    batch = session.scalar(select(ImportBatch))
    assert (batch.rows, batch.user_id, batch.kind) == (10, onderzoeker.id, "interview")
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "import"))
    assert event.actor_id == onderzoeker.id and event.details["rows"] == 10


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"feeling": "ecstatic"}, "de optie 'ecstatic' bestaat niet"),
        ({"helped": "101"}, "Kies een waarde van 0 tot en met 100."),
        ({"story_about_a": "x"}, "Elk deel is een heel getal"),
        ({"helped_nvt": "1"}, "n.v.t. en een waarde tegelijk"),
        ({"helped_nvt": "ja"}, "alleen 0 of 1"),
        ({"respondent": "SH-9999"}, "Respondent 'SH-9999' bestaat niet."),
        ({"framework_version": "5"}, "Versie '5' van de vragenlijst bestaat niet."),
        ({"experienced_on": "2-3-2026"}, "geen datum als 2026-01-31"),
        ({"language": "xx"}, "Taal 'xx' kent het portaal niet."),
        ({"interpretation": "session"}, "Alleen de eigen duiding (own)"),
    ],
)
def test_a_bad_row_is_refused_with_its_reason(session, respondents, cells, reason, app):
    rows = [_paper_row(respondents[0].code, 1), _paper_row(respondents[1].code, 2, **cells)]
    preview = importer.read_import(
        session,
        _paper_csv(session, rows),
        kind=StoryKind.INTERVIEW,
        filename="f.csv",
        config=app.config,
        today=utcnow().date(),
    )
    assert [r.line for r in preview.refused] == [3]
    assert any(reason in text for text in preview.refused[0].reasons), preview.refused[0].reasons
    assert len(preview.planned) == 1 and not preview.can_import
    with pytest.raises(importer.ImportRefused):
        importer.apply_import(session, None, preview, now=utcnow())


def test_a_respondent_without_research_consent_is_refused(research_client, session, respondents):
    page = _upload(research_client, _paper_csv(session, [_paper_row(respondents[3].code, 1)]))
    assert f"Respondent {respondents[3].code} heeft geen toestemming voor onderzoek." in page.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"respondent,onzin\r\nSH-0001,1\r\n", "onbekende kolommen: onzin"),
        (b"respondent\r\nSH-0001\r\n", "ontbrekende kolommen: story, author"),
        ("respondent,titel\r\nSH-0001,Caf\xe9\r\n".encode("cp1252"), "geen UTF-8"),
        (b"", "Het bestand is leeg."),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_as_a_whole(research_client, data, message):
    page = _upload(research_client, data)
    assert page.status_code == 400 and message in page.text


def test_a_semicolon_file_from_dutch_excel_is_read_and_said_so(
    research_client, session, respondents
):
    data = "\ufeff".encode() + _paper_csv(session, [_paper_row(respondents[0].code, 1)], ";")
    page = _upload(research_client, data)
    assert "Gelezen als CSV voor Nederlandse Excel (puntkomma)." in page.text
    assert "1 verhaal zou worden toegevoegd" in page.text


def test_a_file_over_the_limit_is_refused_with_the_limit_named(research_client, app):
    too_big = b"respondent\r\n" + b"x" * (app.config["IMPORT_MAX_BYTES"] + 100_000)
    page = _upload(research_client, too_big)
    assert page.status_code == 413
    assert "hoogstens 5.0 MB" in page.text


def test_the_command_checks_then_adds_all_or_nothing(runner, session, respondents, tmp_path):
    good = tmp_path / "papier.csv"
    good.write_bytes(
        _paper_csv(session, [_paper_row(r.code, n) for n, r in enumerate(respondents[:3])])
    )
    dry = runner.invoke(args=["import", str(good), "--kind", "interview", "--dry-run"])
    assert dry.exit_code == 0 and "3 row(s) valid, 0 refused" in dry.output
    assert session.scalar(select(func.count(Story.id))) == 0
    done = runner.invoke(args=["import", str(good), "--kind", "interview"])
    assert done.exit_code == 0 and "Added 3 interview(s)" in done.output
    assert session.scalar(select(func.count(Story.id))) == 3
    twice = runner.invoke(args=["import", str(good), "--kind", "interview"])
    assert twice.exit_code == 1 and "al ingelezen" in twice.output

    bad = tmp_path / "fout.csv"
    bad.write_bytes(_paper_csv(session, [_paper_row(respondents[3].code, 9, title="Nieuw")]))
    refused = runner.invoke(args=["import", str(bad), "--kind", "interview"])
    assert refused.exit_code == 1 and "line 2: refused" in refused.output
    assert session.scalar(select(func.count(Story.id))) == 3


def test_only_onderzoekers_may_import(client, make_user, session):
    login(client, make_user(Role.VERHALENBEGELEIDER, teams=[]))
    assert client.get("/import").status_code == 403
