"""Alembic's environment: the migrations run on the connection, and in the transaction, that
`pipeline.store.migrate` passes in (it holds the lock that keeps two processes from migrating at once)."""

from alembic import context

context.configure(connection=context.config.attributes["connection"])
with context.begin_transaction():
    context.run_migrations()
