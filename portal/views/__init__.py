"""Blueprints, one per area of use."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from portal.views import (
        auth,
        calendar,
        interviews,
        main,
        nav,
        participation,
        prompts,
        settings,
        stories,
        team,
        two_factor,
    )

    app.context_processor(nav.template_context)
    for module in (
        auth,
        two_factor,
        main,
        settings,
        stories,
        interviews,
        team,
        participation,
        calendar,
        prompts,
    ):
        app.register_blueprint(module.bp)
