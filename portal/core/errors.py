"""Error pages in both languages."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: (_l("Dat verzoek klopt niet"), _l("De pagina kreeg gegevens die ze niet begrijpt.")),
    403: (
        _l("Geen toegang"),
        _l(
            "Deze pagina hoort niet bij jouw rol. Vraag de beheerder als je denkt dat dit niet klopt."
        ),
    ),
    404: (
        _l("Pagina niet gevonden"),
        _l("Deze pagina bestaat niet, of je mag haar niet zien."),
    ),
    405: (_l("Dat kan zo niet"), _l("Deze pagina kan dit verzoek niet aan.")),
    413: (
        _l("Te veel tekst"),
        _l(
            "Wat je stuurde is groter dan het portaal aanneemt. Maak het korter en probeer opnieuw."
        ),
    ),
    429: (
        _l("Even wachten"),
        _l("Te veel pogingen in korte tijd. Wacht een minuut en probeer het opnieuw."),
    ),
    500: (
        _l("Er ging iets mis"),
        _l(
            "Er ging aan onze kant iets mis. Probeer het later opnieuw en meld het als het blijft gebeuren."
        ),
    ),
}


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def render_error(code: int) -> ResponseReturnValue:
    title, message = MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
    if _wants_json():
        return {"error": str(title)}, code
    return render_template("errors/error.html", code=code, title=title, message=message), code


def _http_error(error: HTTPException) -> ResponseReturnValue:
    return render_error(error.code or 500)


def csrf_expired(_error: CSRFError) -> ResponseReturnValue:
    """The form's token expired (the views first try to keep its text: views/rescue.py)."""
    title = _l("Het formulier is verlopen")
    if _wants_json():  # an automatic save: the page says so and keeps the text
        return {"status": "expired", "error": str(title)}, 400
    return (
        render_template(
            "errors/error.html",
            code=400,
            title=title,
            message=_l(
                "Je sessie of het formulier was verlopen. Ga terug, laad de pagina opnieuw en "
                "verstuur het nog eens."
            ),
        ),
        400,
    )


def _server_error(_error: Exception) -> ResponseReturnValue:
    return render_error(500)


def init_errors(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_expired)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(500, _server_error)
