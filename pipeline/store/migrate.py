"""Schema migrations with Alembic, configured in code: the scripts ship inside the package
(`pipeline/store/migrations`), so an installed smarak upgrades a database without an alembic.ini.

Revision 0001 is the schema smarak created before it had migrations (with a `schema_version` table holding
1); such a database is stamped 0001 and upgraded from there. A new database runs every migration from the
start, so every database, new or upgraded, has its schema from the same scripts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

SCRIPTS = "pipeline.store:migrations"
LEGACY_TABLE = "schema_version"  # the version table of the schema before migrations
LEGACY_VERSION = 1
LEGACY_REVISION = "0001"  # the migration that creates that schema
VERSION_TABLE = "alembic_version"


@dataclass(frozen=True)
class Schema:
    """What a database holds: its revision (None when there is none to read), whether it predates
    migrations (and the versions its `schema_version` table records), and its tables."""

    revision: str | None
    legacy_versions: list[int] | None = None
    tables: frozenset[str] = field(default_factory=frozenset)

    @property
    def legacy(self) -> bool:
        return self.legacy_versions is not None


def _config(conn: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPTS)
    if conn is not None:
        config.attributes["connection"] = conn
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head() -> str:
    """The revision this smarak's schema is at."""
    revision = _scripts().get_current_head()
    assert revision is not None
    return revision


def known(revision: str) -> bool:
    """Whether the revision is one of this smarak's migrations (not one of a newer smarak's)."""
    return any(script.revision == revision for script in _scripts().walk_revisions())


def inspect_schema(conn: Connection) -> Schema:
    """The database's schema: its Alembic revision, or 0001 for the pre-migration schema at version 1."""
    tables = frozenset(inspect(conn).get_table_names())
    if VERSION_TABLE in tables:
        return Schema(MigrationContext.configure(conn).get_current_revision(), tables=tables)
    if LEGACY_TABLE in tables:
        versions = list(conn.scalars(text(f"SELECT version FROM {LEGACY_TABLE}")))
        revision = LEGACY_REVISION if versions == [LEGACY_VERSION] else None
        return Schema(revision, legacy_versions=versions, tables=tables)
    return Schema(None, tables=tables)


def upgrade(conn: Connection, schema: Schema) -> None:
    """Run the migrations from the schema's revision to the head, in the connection's transaction."""
    config = _config(conn)
    if schema.legacy:
        command.stamp(config, LEGACY_REVISION)
    command.upgrade(config, "head")
