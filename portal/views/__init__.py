"""Blueprints, one per area of use."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from portal.views import auth, main, nav, settings, stories, team

    app.context_processor(nav.template_context)

    app.register_blueprint(auth.bp)
    app.register_blueprint(main.bp)
    app.register_blueprint(settings.bp)
    app.register_blueprint(stories.bp)
    app.register_blueprint(__import__("portal.views.interviews", fromlist=["bp"]).bp)
    app.register_blueprint(team.bp)
    app.register_blueprint(__import__("portal.views.participation", fromlist=["bp"]).bp)
    app.register_blueprint(__import__("portal.views.calendar", fromlist=["bp"]).bp)
    app.register_blueprint(__import__("portal.views.prompts", fromlist=["bp"]).bp)
