"""The tracker: stable decision ids, agenda items, status reports and status events, and two views.

- `decisions.uid`: the decision's stable id (`pipeline/store/identity.py`), filled in here for the decisions
  already stored; `decisions.agenda`: the agenda item, read from the source text at the next load.
- `status_reports`: the statuses a document reports on earlier decisions; `status_events`: each status
  change of a decision by its stable id, from a person or from a linked report (a candidate when unsure).
- Views for analysts: `decision_status` (each decision's current status: its latest applied event, else
  open) and `overdue` (open or in-progress decisions whose date or as-soon-as-possible deadline, 30 days
  after the document, has passed today; recurring deadlines need `smarak db overdue`, which knows periods).
- `schema_version` goes: Alembic's `alembic_version` records the schema now.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from pipeline.models import Record
from pipeline.store.identity import assign_uids, document_identity

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STATUS_CHECK = "status IN ('open', 'in_progress', 'done', 'dropped')"
KIND_CHECK = "kind IN ('section', 'table', 'inline', 'review', 'reply', 'reminder')"
ASAP_DAYS = 30

DECISION_STATUS = """
CREATE VIEW decision_status AS
SELECT d.uid AS decision_id, d.document_id, d.ref, d.text,
       COALESCE(e.status, 'open') AS status, e.on_date AS status_on, e.source AS status_source,
       e.note AS status_note
FROM decisions d
LEFT JOIN (
    SELECT decision_uid, status, on_date, source, note,
           ROW_NUMBER() OVER (PARTITION BY decision_uid ORDER BY on_date DESC, id DESC) AS latest
    FROM status_events
    WHERE applied
) e ON e.decision_uid = d.uid AND e.latest = 1
"""

OVERDUE = """
CREATE VIEW overdue AS
SELECT decision_id, document_id, memo_no, decided_on, ref, text, status, deadline_kind, due
FROM (
    SELECT s.decision_id, s.document_id, doc.memo_no, COALESCE(doc.date, doc.meeting_date) AS decided_on,
           s.ref, s.text, s.status, dl.kind AS deadline_kind,
           CASE WHEN dl.kind = 'date' THEN dl.date ELSE {asap_due} END AS due
    FROM decision_status s
    JOIN decisions d ON d.document_id = s.document_id AND d.uid = s.decision_id
    JOIN deadlines dl ON dl.decision_id = d.id
    JOIN documents doc ON doc.id = d.document_id
    WHERE s.status IN ('open', 'in_progress') AND dl.kind IN ('date', 'asap')
) placed
WHERE due < CURRENT_DATE
"""
ASAP_DUE = {
    "sqlite": f"date(COALESCE(doc.date, doc.meeting_date), '+{ASAP_DAYS} days')",
    "postgresql": f"COALESCE(doc.date, doc.meeting_date) + {ASAP_DAYS}",
}


def upgrade() -> None:
    op.add_column("decisions", sa.Column("uid", sa.String(12), nullable=True))
    op.add_column("decisions", sa.Column("agenda", sa.Text, nullable=True))
    _fill_uids()
    op.create_index("ix_decisions_uid", "decisions", ["uid"])
    op.create_index("uq_decisions_document_uid", "decisions", ["document_id", "uid"], unique=True)
    _create_status_tables()
    op.drop_table("schema_version")
    op.execute(DECISION_STATUS)
    op.execute(OVERDUE.format(asap_due=ASAP_DUE[op.get_bind().dialect.name]))


def _fill_uids() -> None:
    """The stable id of every decision already stored, from its document's record and its ref and text."""
    conn = op.get_bind()
    documents = sa.table("documents", sa.column("id"), sa.column("record"))
    decisions = sa.table(
        "decisions", sa.column("id"), sa.column("document_id"), sa.column("position"), sa.column("ref"),
        sa.column("text"), sa.column("uid"),
    )  # fmt: skip
    for document_id, record in conn.execute(sa.select(documents.c.id, documents.c.record)).all():
        rows = conn.execute(
            sa.select(decisions.c.id, decisions.c.ref, decisions.c.text)
            .where(decisions.c.document_id == document_id)
            .order_by(decisions.c.position)
        ).all()
        uids = assign_uids(document_identity(Record.model_validate_json(record)), [(r.ref, r.text) for r in rows], [])
        for row, uid in zip(rows, uids, strict=True):
            conn.execute(sa.update(decisions).where(decisions.c.id == row.id).values(uid=uid))


def _create_status_tables() -> None:
    op.create_table(
        "status_reports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_id",
            sa.String(40),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("reported_on", sa.Date),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("ref", sa.String(40)),
        sa.Column("quoted", sa.Text),
        sa.Column("cited_memo", sa.String(200)),
        sa.Column("cited_meeting", sa.Date),
        sa.UniqueConstraint("document_id", "position"),
        sa.CheckConstraint(STATUS_CHECK, name="status_reports_status"),
        sa.CheckConstraint(KIND_CHECK, name="status_reports_kind"),
    )
    op.create_table(
        "status_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("decision_uid", sa.String(12), nullable=False, index=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("on_date", sa.Date, nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("actor", sa.Text),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("status_reports.id", ondelete="CASCADE"), index=True),
        sa.Column("confidence", sa.Float),
        sa.Column("applied", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.CheckConstraint(STATUS_CHECK, name="status_events_status"),
        sa.CheckConstraint("source IN ('person', 'document')", name="status_events_source"),
    )


def downgrade() -> None:
    raise NotImplementedError("a smarak database is not downgraded: load the records into a new one")
