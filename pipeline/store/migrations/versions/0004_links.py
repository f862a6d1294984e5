"""links: agreement numbers of each document (own, cited parent, cited in text) and child -> parent links

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreement_numbers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("base_key", sa.String(length=128), nullable=False),
        sa.Column("year", sa.String(length=4), nullable=True),
        sa.Column("fuzzy_key", sa.String(length=128), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["sha256"], ["documents.sha256"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("agreement_numbers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_numbers_sha256"), ["sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_numbers_base_key"), ["base_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_numbers_fuzzy_key"), ["fuzzy_key"], unique=False)
    op.create_table(
        "links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("child_sha256", sa.String(length=64), nullable=False),
        sa.Column("parent_sha256", sa.String(length=64), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["child_sha256"], ["documents.sha256"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_sha256"], ["documents.sha256"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("child_sha256", "parent_sha256"),
    )
    with op.batch_alter_table("links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_links_child_sha256"), ["child_sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_links_parent_sha256"), ["parent_sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_links_parent_sha256"))
        batch_op.drop_index(batch_op.f("ix_links_child_sha256"))
    op.drop_table("links")
    with op.batch_alter_table("agreement_numbers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_numbers_fuzzy_key"))
        batch_op.drop_index(batch_op.f("ix_agreement_numbers_base_key"))
        batch_op.drop_index(batch_op.f("ix_agreement_numbers_sha256"))
    op.drop_table("agreement_numbers")
