"""The records: documents, decisions, responsible, deadlines, references (the schema before migrations).

A database created by smarak before it had migrations holds exactly these tables and is stamped with this
revision instead of running it.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("doc_type", sa.String(20), nullable=False),
        sa.Column("memo_no", sa.String(200), index=True),
        sa.Column("memo_text", sa.Text),
        sa.Column("memo_copy", sa.String(40)),
        sa.Column("date", sa.Date),
        sa.Column("date_bangla", sa.String(10)),
        sa.Column("date_text", sa.Text),
        sa.Column("date_consistent", sa.Boolean),
        sa.Column("subject", sa.Text),
        sa.Column("signatory_name", sa.Text),
        sa.Column("signatory_designation", sa.Text),
        sa.Column("meeting_chair", sa.Text),
        sa.Column("meeting_date", sa.Date),
        sa.Column("meeting_time", sa.String(5)),
        sa.Column("meeting_venue", sa.Text),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("ocr_confidence", sa.Float),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.CheckConstraint(
            "doc_type IN ('letter', 'do_letter', 'minutes', 'notification', 'office_order', 'circular', 'other')",
            name="documents_doc_type",
        ),
        sa.CheckConstraint("method IN ('ocr', 'pdf-text', 'text')", name="documents_method"),
    )
    op.create_table("schema_version", sa.Column("version", sa.Integer, primary_key=True))
    op.execute("INSERT INTO schema_version (version) VALUES (1)")
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_id",
            sa.String(40),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("ref", sa.String(40)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("span_page", sa.Integer, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.UniqueConstraint("document_id", "position"),
    )
    op.create_table(
        "references",
        sa.Column("document_id", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("memo_no", sa.String(200), nullable=False, index=True),
        sa.Column("date", sa.Date),
    )
    op.create_table(
        "deadlines",
        sa.Column("decision_id", sa.Integer, sa.ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("value", sa.String(40)),
        sa.Column("date", sa.Date),
        sa.Column("period", sa.String(20)),
        sa.Column("anchor", sa.String(7)),
        sa.Column("text", sa.Text, nullable=False),
        sa.CheckConstraint("kind IN ('date', 'recurring', 'asap')", name="deadlines_kind"),
    )
    op.create_table(
        "responsible",
        sa.Column("decision_id", sa.Integer, sa.ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("a smarak database is not downgraded: load the records into a new one")
