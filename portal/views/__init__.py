"""Blueprints, one package per area of use."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from portal.views import (
        admin,
        analysis,
        auth,
        calendar,
        exports,
        interviews,
        main,
        nav,
        participation,
        prompts,
        rescue,
        settings,
        stories,
        team,
        team_sessions,
    )

    app.context_processor(nav.template_context)
    rescue.init_rescue(app)
    auth.init_login(app)
    for blueprint in (
        auth.bp,
        auth.two_factor_bp,
        main.bp,
        settings.bp,
        stories.bp,
        interviews.bp,
        team.bp,
        participation.bp,
        calendar.bp,
        prompts.bp,
        admin.bp,
        team_sessions.bp,
        analysis.bp,
        exports.bp,
    ):
        app.register_blueprint(blueprint)
