"""Alembic migrations of the decisions database (run by `pipeline.store.migrate`, never by hand)."""
