"""The real app in a process of its own, for fault tests that kill it by its PID.

    python -m tests.faults.server SETTINGS_JSON [before_commit|after_commit]

Prints `PORT <n>` when it listens. With a pause point, the intake submit stops there and prints
`PAUSED <point>`, so the test can kill the process at that exact moment: `before_commit` with
the intake flushed but not committed (a crash mid-transaction), `after_commit` with it committed
but no answer sent yet (a crash between the commit and the response)."""

from __future__ import annotations

import json
import logging
import sys
import threading
import time


def main() -> None:
    from flask import has_request_context, request
    from sqlalchemy import event
    from sqlalchemy.orm import Session
    from werkzeug.serving import make_server

    from portal import create_app
    from portal.models import Intake

    settings = json.loads(sys.argv[1])
    pause = sys.argv[2] if len(sys.argv) > 2 else ""
    app = create_app(settings)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    pending: set[int] = set()

    def submitting() -> bool:
        return has_request_context() and request.path.endswith("/versturen")

    def hold(point: str) -> None:
        print(f"PAUSED {point}", flush=True)
        time.sleep(60)  # the test kills us here

    @event.listens_for(Session, "after_flush")
    def remember(session, _context):
        # the submit's transaction is the one that writes an Intake
        if submitting() and any(isinstance(o, Intake) for o in session.new):
            pending.add(id(session))

    @event.listens_for(Session, "before_commit")
    def before_commit(session):
        if pause == "before_commit" and submitting():
            session.flush()  # the intake's rows are written, the transaction still open
            if id(session) in pending:
                hold(pause)

    @event.listens_for(Session, "after_commit")
    def after_commit(session):
        if pause == "after_commit" and id(session) in pending:
            hold(pause)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(f"PORT {server.server_port}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Event().wait()


if __name__ == "__main__":
    main()
