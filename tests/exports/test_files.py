"""XLSX and SAV read back (openpyxl, pyreadstat), the codebook and the data package."""

from __future__ import annotations

import io
import json

import openpyxl
import pyreadstat

from portal.exports.columns import column_model
from portal.exports.rows import local_date
from portal.exports.writers import FORMULA_PREFIXES
from portal.frameworks.defaults import DEFAULT_FRAMEWORKS
from portal.frameworks.versions import build_framework
from portal.models import Role, StoryKind, utcnow
from tests.exports.conftest import read_csv


def _consenting_story(make_story, make_user, answer, **kw):
    story = make_story(
        author=make_user(Role.KLANTMANAGER, research_consent=True), submitted=True, **kw
    )
    answer(story)
    return story


def test_xlsx_has_the_csv_rows_and_neutralises_every_formula_prefix(
    research_client, make_story, make_user, answer
):
    for prefix in FORMULA_PREFIXES:
        _consenting_story(make_story, make_user, answer, title=f"{prefix}cmd|' /C calc'!A0")
    response = research_client.get("/export/reflection.xlsx?text=1")
    assert response.status_code == 200 and response.mimetype.endswith("sheet")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header, rows = values[0], values[1:]
    csv_rows = read_csv(research_client.get("/export/reflection.csv?text=1").data)
    assert list(header) == list(csv_rows[0])
    titles = sorted(row[header.index("title")] for row in rows)
    # XlsxWriter stores a carriage return as _x000D_ (Excel shows it; openpyxl leaves it)
    expected = sorted(f"'{p}cmd|' /C calc'!A0".replace("\r", "_x000D_") for p in FORMULA_PREFIXES)
    assert titles == expected
    first = dict(zip(header, rows[0], strict=True))
    assert first["author"].startswith("P-") and first["role_balance_a"] == 60
    assert first["life_domains_mind"] == 0 and first["what_worked_a"] is None


def test_sav_reads_back_with_variable_and_value_labels(
    research_client, tmp_path, make_story, make_user, answer
):
    story = _consenting_story(make_story, make_user, answer, body_md="Ë" * 700)
    response = research_client.get("/export/reflection.sav?text=1")
    assert response.status_code == 200
    path = tmp_path / "reflections.sav"
    path.write_bytes(response.data)
    data, meta = pyreadstat.read_sav(str(path), output_format="dict")
    csv_header = list(read_csv(research_client.get("/export/reflection.csv?text=1").data)[0])
    assert meta.column_names == csv_header
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["agency"] == "Wie had de regie?"
    assert (
        labels["role_balance_a"] == "In dit verhaal lag mijn rol vooral bij… — begeleiden naar werk"
    )
    assert meta.variable_value_labels["agency"] == {
        0: "ik als klantmanager",
        100: "de statushouder",
    }
    assert meta.variable_value_labels["feeling"] == {
        1: "positief",
        2: "gemengd",
        3: "negatief",
        4: "neutraal",
    }
    assert meta.variable_value_labels["what_worked_nvt"] == {0: "nee", 1: "ja"}
    assert list(data["feeling"]) == [2]  # mixed
    assert list(data["agency"]) == [25] and list(data["what_worked_nvt"]) == [1]
    assert data["author"][0].startswith("P-")
    assert list(data["text"]) == [story.body_md]
    assert data["submitted_on"][0] == local_date(story.submitted_at, "Europe/Amsterdam")


def test_sav_labels_follow_the_language_of_the_page(
    research_client, tmp_path, make_story, make_user, answer
):
    _consenting_story(make_story, make_user, answer)
    from tests.helpers import csrf_token

    token = csrf_token(research_client.get("/export"))
    research_client.post("/language", data={"locale": "en", "next": "/", "csrf_token": token})
    path = tmp_path / "en.sav"
    path.write_bytes(research_client.get("/export/reflection.sav").data)
    _data, meta = pyreadstat.read_sav(str(path), output_format="dict")
    assert (
        dict(zip(meta.column_names, meta.column_labels, strict=True))["agency"]
        == "Who was in charge?"
    )


def test_the_codebook_lists_every_column_of_the_export(
    research_client, make_story, make_user, answer
):
    _consenting_story(make_story, make_user, answer)
    for kind in ("reflection", "interview"):
        header = research_client.get(f"/export/{kind}.csv?text=1").data.split(b"\r\n")[0]
        page = research_client.get(f"/export/codebook?kind={kind}")
        assert page.status_code == 200
        for name in header.decode().split(","):
            assert f"<code>{name}</code>" in page.text, (kind, name)
    assert research_client.get("/export/codebook?kind=nonsense").status_code == 404
    assert research_client.get("/export/codebook?version=99").status_code == 404


def test_the_data_package_describes_the_csv_columns(research_client):
    for text, query in ((False, ""), (True, "?text=1")):
        package = json.loads(research_client.get(f"/export/datapackage.json{query}").data)
        for resource in package["resources"]:
            kind = resource["name"].removesuffix("s")
            header = research_client.get(f"/export/{kind}.csv{query}").data.split(b"\r\n")[0]
            fields = resource["schema"]["fields"]
            assert [f["name"] for f in fields] == header.decode().split(","), (kind, text)
    feeling = next(f for f in fields if f["name"] == "feeling")
    assert feeling["constraints"]["enum"] == ["positive", "mixed", "negative", "neutral"]


def test_a_question_keeps_its_column_across_versions_and_new_ones_come_last(session):
    data = next(d for d in DEFAULT_FRAMEWORKS if d["kind"] == "reflection")
    questions = [q for q in data["questions"] if q["key"] != "expectations"]
    questions.insert(
        0,
        {
            "key": "trust",
            "type": "slider",
            "nl": "Vertrouwen",
            "en": "Trust",
            "options": [
                {"key": "left", "nl": "weinig", "en": "little"},
                {"key": "right", "nl": "veel", "en": "much"},
            ],
        },
    )
    framework = build_framework({**data, "questions": questions}, version=7, now=utcnow())
    session.add(framework)
    session.commit()
    names = column_model(session, StoryKind.REFLECTION, with_text=False).names
    assert names.index("role_balance_a") < names.index("expectations") < names.index("trust")
    columns = {
        c.name: c for c in column_model(session, StoryKind.REFLECTION, with_text=False).columns
    }
    assert columns["expectations"].versions == [1]
    assert columns["trust"].versions == [7] and columns["agency"].versions == [1, 7]
