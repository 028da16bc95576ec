"""The resource catalogue: resources, and a version row that tells searchers to reload.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resources",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("url", sa.String(1000), nullable=False),
        sa.Column("url_confirmed", sa.Boolean(), nullable=False),
        sa.Column("publisher", sa.String(300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("audience", sa.String(20), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("topics", sa.Text(), nullable=False),
        sa.Column("region", sa.String(100), nullable=True),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("link_status", sa.Integer(), nullable=True),
        sa.Column("link_ok", sa.Boolean(), nullable=True),
        sa.Column("link_error", sa.String(300), nullable=True),
        sa.Column("link_checked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "catalogue_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("catalogue_versions")
    op.drop_table("resources")
