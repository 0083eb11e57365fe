"""Export pages (``/export``), the files (``/export/<kind>.csv|xlsx|sav``), the codebook and the
Frictionless data package. Onderzoekers only; every file is written to the audit log."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import (
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user

from portal import policy
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.exports import codebook
from portal.exports.pseudonyms import PseudonymKeyMissing
from portal.exports.service import ExportRequest, Format, start_export
from portal.exports.writers import Dialect
from portal.models import StoryKind
from portal.views.exports.blueprint import bp, story_filter

AREA = policy.Area.EXPORT
KINDS = "any(reflection, interview)"
FORMATS = "any(csv, xlsx, sav)"


def _query(filter_args: dict[str, list[str]], **own: str) -> str:
    pairs = [(k, v) for k, values in filter_args.items() for v in values]
    pairs += [(k, v) for k, v in own.items() if v]
    return ("?" + urlencode(pairs)) if pairs else ""


@bp.get("/export")
@policy.area_required(AREA)
def index() -> ResponseReturnValue:
    _clause, filter_args, errors = story_filter(request.args)
    with_text = request.args.get("text") == "1"
    text = "1" if with_text else ""

    def link(kind: StoryKind, fmt: str, dialect: str = "") -> str:
        url = url_for("exports.download", kind=kind, fmt=fmt)
        return url + _query(filter_args, dialect=dialect, text=text)

    files = {
        kind: {
            "csv": link(kind, "csv"),
            "excel": link(kind, "csv", Dialect.EXCEL_NL),
            "xlsx": link(kind, "xlsx"),
            "sav": link(kind, "sav"),
        }
        for kind in StoryKind
    }
    key_missing = not current_app.config.get("PSEUDONYM_KEY")
    return render_template(
        "exports/index.html",
        files=files,
        filter_args=filter_args,
        filter_errors=errors,
        with_text=with_text,
        key_missing=key_missing,
        key_message=str(PseudonymKeyMissing()) if key_missing else "",
    )


@bp.get(f"/export/<{KINDS}:kind>.<{FORMATS}:fmt>")
@policy.area_required(AREA)
def download(kind: str, fmt: str) -> ResponseReturnValue:
    clause, filter_args, errors = story_filter(request.args, StoryKind(kind))
    if errors:
        return render_template("exports/bad_filter.html", errors=errors), 400
    dialect_arg = request.args.get("dialect", Dialect.CSV)
    if dialect_arg not in set(Dialect) or (dialect_arg != Dialect.CSV and fmt != "csv"):
        abort(400)
    export_request = ExportRequest(
        kind=StoryKind(kind),
        format=Format(fmt),
        dialect=Dialect(dialect_arg),
        with_text=request.args.get("text") == "1",
        filter_clause=clause,
        filters=filter_args,
        locale=current_locale(),
    )
    try:
        export = start_export(db.session, current_user, export_request, current_app.config)
    except PseudonymKeyMissing as error:
        return render_template("exports/key_missing.html", message=str(error)), 503
    db.session.commit()  # the audit event, before a byte of the file goes out
    response = Response(stream_with_context(export.pieces), mimetype=export.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response.headers["X-Export-Rows"] = str(export.rows)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/export/codebook")
@policy.area_required(AREA)
def codebook_page() -> ResponseReturnValue:
    kind_arg = request.args.get("kind", StoryKind.REFLECTION)
    if kind_arg not in set(StoryKind):
        abort(404)
    kind = StoryKind(kind_arg)
    book = codebook.build(db.session, kind, with_text=True)
    version = request.args.get("version", type=int) or book.newest
    if version not in book.versions:
        abort(404)
    return render_template(
        "exports/codebook.html",
        book=book,
        kind=kind,
        version=version,
        columns=book.columns_of(version),
        kinds=list(StoryKind),
    )


@bp.get("/export/datapackage.json")
@policy.area_required(AREA)
def datapackage() -> ResponseReturnValue:
    with_text = request.args.get("text") == "1"
    package = codebook.datapackage(db.session, with_text=with_text)
    return Response(
        codebook.dump(package), mimetype="application/json", headers={"Cache-Control": "no-store"}
    )


@bp.get("/export/file")
@policy.area_required(AREA)
def choose() -> ResponseReturnValue:
    """The export page's form (no script needed): on to the file it names."""
    kind = request.args.get("kind")
    fmt = request.args.get("format")
    if kind not in set(StoryKind) or fmt not in ("csv", "excel-nl", "xlsx", "sav"):
        abort(400)
    _clause, filter_args, _errors = story_filter(request.args)
    dialect = Dialect.EXCEL_NL if fmt == "excel-nl" else ""
    target = url_for("exports.download", kind=kind, fmt="csv" if dialect else fmt)
    text = "1" if request.args.get("text") == "1" else ""
    return redirect(target + _query(filter_args, dialect=dialect, text=text))
