"""The store's delete for the retention purge (docs/documents.md): the row goes at once, the
file when the purge commits; a purge that rolls back keeps both. A file written for a
transaction that rolls back is removed again. Storage keys never reach a path outside."""

from __future__ import annotations

import pytest

from portal import documents as store
from portal.documents.models import Document
from portal.documents.storage import LocalStorage
from portal.extensions import db
from tests.documents.conftest import pdf, png, stored_files
from tests.documents.helpers import documents, family_household


def _store(app, household, *data) -> None:
    with app.app_context():
        store.store(
            household,
            [store.Upload(f"{n}.bin", d) for n, d in enumerate(data)],
            purpose="wmo",
            source="resident",
        )
        db.session.commit()


def test_delete_removes_the_row_and_after_the_commit_the_file(app, world, clock, store_dir):
    household = family_household(app)
    _store(app, household, pdf(), png())
    assert len(stored_files(store_dir)) == 2
    with app.app_context():
        first = db.session.get(Document, documents(app)[0].id)
        store.delete(first)
        assert len(stored_files(store_dir)) == 2  # not before the commit
        db.session.rollback()
    assert len(documents(app)) == 2 and len(stored_files(store_dir)) == 2
    with app.app_context():
        assert store.delete_household(household) == 2
        db.session.commit()
    assert documents(app) == [] and stored_files(store_dir) == []


def test_a_file_written_in_a_rolled_back_transaction_is_removed(app, world, clock, store_dir):
    household = family_household(app)
    with app.app_context():
        store.store(household, [store.Upload("a.pdf", pdf())], purpose="wmo", source="resident")
        assert len(stored_files(store_dir)) == 1
        db.session.rollback()
    assert stored_files(store_dir) == [] and documents(app) == []


def test_a_storage_key_is_never_a_path_of_its_own(tmp_path):
    local = LocalStorage({"DOCUMENTS_DIR": str(tmp_path)})
    for key in ("../../etc/passwd", "/etc/passwd", "ab/../../x.pdf", "ab/short.pdf"):
        with pytest.raises(ValueError):
            local.get(key)


def test_the_retention_purge_removes_the_households_documents_and_their_files(
    app, world, clock, store_dir
):
    """Issue #19: `flask purge` and a Jeugdwet 7.3.9 destruction run every data owner's hook;
    the documents are one of them, so no file outlives its household."""
    from portal.services import retention

    household = family_household(app)
    _store(app, household, pdf(), png())
    with app.app_context():
        hook = next(h for h in retention.owners() if h.name == "documents")
        assert hook.count(household) == 2
        assert hook.purge(household) == 2
        assert len(stored_files(store_dir)) == 2  # the files wait for the commit
        db.session.commit()
    assert documents(app) == [] and stored_files(store_dir) == []
