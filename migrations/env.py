"""Alembic environment: the engine comes from the app (see portal/migrate.py) or DATABASE_URL."""

import os

from alembic import context

from portal.core.db import make_engine
from portal.models import Base

config = context.config
target_metadata = Base.metadata


def _engine():
    engine = config.attributes.get("engine")
    if engine is None:
        url = os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
        engine = make_engine(url)
    return engine


def run_migrations_online() -> None:
    engine = _engine()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
