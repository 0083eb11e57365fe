"""Reflectieportaal: narrative reflection and research for the guidance of statushouders."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.core.config import load_config


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app; ``test_config`` replaces ``instance/config.py`` and the environment."""
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    load_config(app, test_config)
    if app.config["PROXY_COUNT"]:
        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]

    from portal.accounts import login, two_factor
    from portal.cli import init_cli
    from portal.core import errors, i18n, inputs, security
    from portal.core.extensions import csrf, db, limiter
    from portal.core.markdown import render_markdown
    from portal.views import register_blueprints

    inputs.init_inputs(app)  # first: the URL converter must be in place before any route
    two_factor.configure_roles(app)
    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login.init_login_manager(app)
    i18n.init_i18n(app)
    security.init_security(app)
    errors.init_errors(app)
    init_cli(app)
    register_blueprints(app)
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    return app
