"""Staff page sessions: one random session per sign-in, expired and revoked on the server.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_sessions",
        # A hash of the cookie's value: the table never holds a usable session.
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("csrf", sa.String(64), nullable=False),
        # A fingerprint of the staff token it was opened with: a new token ends every session.
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_staff_sessions_expires_at", "staff_sessions", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_staff_sessions_expires_at", "staff_sessions")
    op.drop_table("staff_sessions")
