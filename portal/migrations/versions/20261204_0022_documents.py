"""issues 19 and 17 (documents, the household's post register)

- `document`: each stored file (outside the database: `storage_key` in the document store),
  with the purpose it was given for, who gave it, its type found by content, size and hash.
- `document_request`: what a contact person asked a resident for, why and by when.
- `post_item`: the household's post register: letters in and out, with an action and due date.

Revision ID: 0022_documents
Revises: 0019_messages
Create Date: 2026-12-04 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0022_documents"
down_revision = "0024_deadlines_retention"
branch_labels = None
depends_on = None


def _fk(table: str, ondelete: str, *, nullable: bool = True):
    return sa.ForeignKey(f"{table}.id", ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "document_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("household_id", sa.Integer(), _fk("household", "CASCADE"), nullable=False),
        sa.Column("member_id", sa.Integer(), _fk("household_member", "SET NULL"), nullable=True),
        sa.Column("purpose", sa.String(40), nullable=False),
        sa.Column("what", sa.String(300), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "requested_by_staff_id", sa.Integer(), _fk("staff_member", "SET NULL"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fulfilled_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_document_request_household_id", "document_request", ["household_id"])
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("household_id", sa.Integer(), _fk("household", "CASCADE"), nullable=False),
        sa.Column("member_id", sa.Integer(), _fk("household_member", "SET NULL"), nullable=True),
        sa.Column("intake_id", sa.Integer(), _fk("intake", "SET NULL"), nullable=True),
        sa.Column("request_id", sa.Integer(), _fk("document_request", "SET NULL"), nullable=True),
        sa.Column("purpose", sa.String(40), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column(
            "uploaded_by_staff_id", sa.Integer(), _fk("staff_member", "SET NULL"), nullable=True
        ),
        sa.Column("content_type", sa.String(40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.String(100), nullable=False, unique=True),
        sa.Column("original_name", sa.String(200), nullable=False),
        sa.Column("description", sa.String(300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_document_household_purpose", "document", ["household_id", "purpose"])
    op.create_index("ix_document_member_id", "document", ["member_id"])
    op.create_table(
        "post_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("household_id", sa.Integer(), _fk("household", "CASCADE"), nullable=False),
        sa.Column("dated_on", sa.Date(), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("organisation", sa.String(30), nullable=False),
        sa.Column("organisation_name", sa.String(200), nullable=True),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("document_id", sa.Integer(), _fk("document", "SET NULL"), nullable=True),
        sa.Column("action", sa.Text(), nullable=True),
        sa.Column("action_due_on", sa.Date(), nullable=True),
        sa.Column("action_done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "registered_by_staff_id", sa.Integer(), _fk("staff_member", "SET NULL"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_post_item_household_due", "post_item", ["household_id", "action_due_on"])


def downgrade() -> None:
    op.drop_table("post_item")
    op.drop_table("document")
    op.drop_table("document_request")
