"""The what-if over real intakes (issue #18): a draft that changes one parameter changes an
outcome, found per regime and provision under a pseudonym; validation of the draft as the live
one is validated; cancel; CSV; who may see it, and who may open a household from it."""

from __future__ import annotations

import csv
import io
import time

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.insight import whatif
from portal.insight.models import WhatIfChange, WhatIfRun
from tests.insight.conftest import as_, draft_upload, family, submit

START = "/medewerkers/beleid/wat-als"


def _start(client, name: str, content: bytes, **extra):
    return client.post(
        START,
        data={"draft_file": (io.BytesIO(content), name), "stored_draft": "", **extra},
        content_type="multipart/form-data",
    )


def _run_id(response) -> int:
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def test_a_draft_that_lowers_an_income_limit_loses_the_household_its_minima(
    app, world, officer, clock
):
    household_id = submit(app, family())
    client = as_(app, officer, clock)
    run_id = _run_id(_start(client, *draft_upload(100)))
    page = client.get(f"{START}/{run_id}").get_data(as_text=True)
    assert "Wacht op een werker" in page
    with app.app_context():
        assert whatif.run_due() == 1
        run = db.session.get(WhatIfRun, run_id)
        assert run.state == "done" and run.done == run.total == 1
        lost = {
            (c.rule_id, c.change)
            for c in db.session.scalars(select(WhatIfChange).where(WhatIfChange.run_id == run_id))
        }
        pseudonyms = set(db.session.scalars(select(WhatIfChange.pseudonym)))
    assert ("minima_kindpakket", "lost") in lost
    assert ("minima_collectieve_zorgverzekering", "lost") in lost
    row = next(p for p in run.summary["provisions"] if p["provision"] == "kindpakket")
    assert (row["lost"], row["gained"]) == (1, 0)
    assert run.summary["households_changed"] == 1

    page = client.get(f"{START}/{run_id}").get_data(as_text=True)
    (pseudonym,) = pseudonyms
    assert pseudonym in page and pseudonym != str(household_id)
    assert f"/huishoudens/{household_id}" not in page  # no way into the file from here
    assert "Anouk" not in page  # no names of residents
    assert "verwachte kosten" in page.lower()  # where the cost figures come from

    summary = client.get(f"{START}/{run_id}/samenvatting.csv")
    assert summary.mimetype == "text/csv"
    rows = list(
        csv.reader(io.StringIO(summary.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    assert any(r[1] == "kindpakket" and r[3] == "1" for r in rows[1:])
    changes = client.get(f"{START}/{run_id}/wijzigingen.csv").get_data(as_text=True)
    assert pseudonym in changes and "minima_kindpakket" in changes and "lost" in changes
    assert "Anouk" not in changes


def test_the_same_draft_changes_nothing_when_the_parameter_stays(app, world, officer, clock):
    submit(app, family())
    client = as_(app, officer, clock)
    run_id = _run_id(_start(client, *draft_upload(120)))
    with app.app_context():
        whatif.run_due()
        run = db.session.get(WhatIfRun, run_id)
        assert run.summary["households_changed"] == 0
        assert run.summary["intakes"] == 1


def test_progress_json_and_the_stored_draft_can_be_chosen_again(app, world, officer, clock):
    submit(app, family())
    client = as_(app, officer, clock)
    first = _run_id(_start(client, *draft_upload(100)))
    state = client.get(f"{START}/{first}/voortgang").get_json()
    assert state["state"] == "queued" and state["finished"] is False
    page = client.get(f"{START}/{first}").get_data(as_text=True)
    # without JavaScript: the page refreshes itself, and a link does the same by hand
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert "Ververs de voortgang" in page and "js/progress.js" in page
    with app.app_context():
        whatif.run_due()
    state = client.get(f"{START}/{first}/voortgang").get_json()
    assert state == {**state, "state": "done", "finished": True, "percent": 100, "done": 1}
    page = client.get(f"{START}/{first}").get_data(as_text=True)
    assert "http-equiv" not in page and "Ververs de voortgang" not in page
    with app.app_context():
        draft_id = db.session.get(WhatIfRun, first).draft_id
    second = _run_id(client.post(START, data={"stored_draft": str(draft_id)}))
    assert second != first


def test_a_corrupt_or_invalid_draft_is_refused_with_file_place_and_reason(app, officer, clock):
    client = as_(app, officer, clock)
    response = _start(client, "kapot.yaml", b"\x00\x01\x02PK\x03\x04 binary")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Er is een probleem" in page and "Dit is geen tekstbestand" in page

    response = _start(client, "kapot.yaml", b"format: 1\nid: [unclosed\n")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "kapot.yaml" in page and "geen geldige YAML" in page

    name, content = draft_upload(100)
    if name.endswith(".zip"):
        response = _start(client, "kapot.zip", content[: len(content) // 2])
        assert "kapot" in response.get_data(as_text=True)
        return
    broken = content.replace(b"format: 1", b"format: 1\nonbekend_veld: ja", 1)
    response = _start(client, name, broken)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert name in page and "onbekende sleutel" in page and "onbekend_veld" in page
    with app.app_context():
        assert db.session.scalars(select(WhatIfRun)).all() == []  # nothing started

    response = client.post(START, data={"stored_draft": ""})
    assert response.status_code == 400
    assert "Kies een bestand" in response.get_data(as_text=True)


def test_cancel_before_and_during_the_run(app, world, officer, clock, monkeypatch):
    for n in range(3):
        submit(app, family(bsn_offset=n + 1))
    client = as_(app, officer, clock)
    queued = _run_id(_start(client, *draft_upload(100)))
    client.post(f"{START}/{queued}/stoppen")
    with app.app_context():
        assert db.session.get(WhatIfRun, queued).state == "cancelled"
        assert whatif.run_due() == 0  # a cancelled run is never started

    running = _run_id(_start(client, *draft_upload(100)))
    monkeypatch.setattr(whatif, "BATCH", 1)
    with app.app_context():
        calls = []

        def progress(done, total):  # the officer presses Stop after the first intake
            calls.append(done)
            if done == 1:
                whatif.cancel(db.session.get(WhatIfRun, running))
                db.session.commit()

        assert whatif.execute(running, progress=progress) == "cancelled"
        run = db.session.get(WhatIfRun, running)
        assert run.done == 2 and run.total == 3  # it stops after the batch it was in
        assert run.summary["complete"] is False and run.summary["intakes"] == 2
    page = client.get(f"{START}/{running}").get_data(as_text=True)
    assert "Gestopt voor het einde" in page


def test_the_embedded_worker_runs_it_in_a_thread(app, world, officer, clock):
    submit(app, family())
    app.config["INSIGHT_EMBEDDED_WORKER"] = True
    client = as_(app, officer, clock)
    run_id = _run_id(_start(client, *draft_upload(100)))
    for _ in range(200):
        state = client.get(f"{START}/{run_id}/voortgang").get_json()
        if state["finished"]:
            break
        time.sleep(0.05)
    app.config["INSIGHT_EMBEDDED_WORKER"] = False
    assert state["state"] == "done"


def test_the_command_line_runs_the_same_what_if(app, world, tmp_path):
    submit(app, family())
    name, content = draft_upload(100)
    draft = tmp_path / name
    draft.write_bytes(content)
    out = tmp_path / "wijzigingen.csv"
    result = app.test_cli_runner().invoke(args=["whatif", str(draft), "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert "kindpakket: +0 -1" in result.output
    assert "minima_kindpakket" in out.read_text()

    broken = tmp_path / "kapot.yaml"
    broken.write_text("format: 1\nid: [unclosed\n")
    result = app.test_cli_runner().invoke(args=["whatif", str(broken)])
    assert result.exit_code != 0 and "kapot.yaml" in result.output


def test_an_error_in_the_run_marks_it_failed_with_the_reason(
    app, world, officer, clock, monkeypatch
):
    submit(app, family())
    client = as_(app, officer, clock)
    run_id = _run_id(_start(client, *draft_upload(100)))

    def broken(*args, **kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(whatif, "_plan_costs", broken)
    with app.app_context():
        with pytest.raises(RuntimeError):
            whatif.execute(run_id)
        run = db.session.get(WhatIfRun, run_id)
        assert run.state == "failed" and "database weg" in run.error
        assert whatif.due_ids() == []  # the sweep does not start it again
    assert "database weg" in client.get(f"{START}/{run_id}").get_data(as_text=True)
