"""The needs log: unmet needs and "Was this helpful?" feedback.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unmet_needs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(30), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("intent", sa.String(100), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("channel", sa.String(50), nullable=False),
        sa.Column("conversation", sa.String(64), nullable=False),
        sa.Column("answer_type", sa.String(20), nullable=True),
        sa.Column("redacted", sa.String(200), nullable=False),
    )
    op.create_index("ix_unmet_needs_created_at", "unmet_needs", ["created_at"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer_type", sa.String(20), nullable=False),
        sa.Column("answer", sa.String(200), nullable=True),
        sa.Column("helpful", sa.Boolean(), nullable=True),
        sa.Column("channel", sa.String(50), nullable=False),
        sa.Column("conversation", sa.String(64), nullable=False),
    )
    op.create_index("ix_feedback_created_at", "feedback", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_feedback_created_at", "feedback")
    op.drop_table("feedback")
    op.drop_index("ix_unmet_needs_created_at", "unmet_needs")
    op.drop_table("unmet_needs")
