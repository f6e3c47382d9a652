"""Benchmark a full intake submission under concurrent load, against hello-world on the same server.

    .venv/bin/python bench/submission_load.py [--residents 50] [--database sqlite|URL]
                                              [--hello 20] [--warmup 1] [--profile]
                                              [--server werkzeug|gunicorn] [--duration S]

The production shape (issue #14): `--server gunicorn --database postgresql+psycopg://…
--residents 200 --duration 60` (make bench-load-production): gunicorn with gthread workers on
PostgreSQL, every resident walking the form again and again for 60 seconds.

What it does, in one run:
1. starts the real app (portal.create_app on a fresh, migrated database: a SQLite file in a
   temporary folder, or a new schema in the PostgreSQL database at URL) in a subprocess: werkzeug's
   threaded server (one thread per connection), or with `--server gunicorn` gunicorn (the
   production shape: `--workers` processes with `--threads` threads each). A hello-world
   route is added to that app instance only, here, so the baseline runs on the same server;
2. opens one keep-alive connection and cookie jar per simulated resident (http.client and
   http.cookiejar: a browser's view, CSRF tokens read from each form);
3. baseline: all residents at once ask hello-world `--hello` times each;
4. the journey: all residents at once walk the whole form, each with one of four household
   shapes (start, every page with answers, the check page, submit, the confirmation); with
   `--duration S` each resident starts again after its confirmation until S seconds have passed;
5. prints p50/p95/max per class of request, the ratios submit-p95 / hello-p95 and
   page-p95 / hello-p95, throughput, and checks that exactly one intake per resident was stored.

The goal: the submit's p95 within 4x the hello-world p95 at the same concurrency. The baseline
is step 3 (N residents at once asking hello-world on the same connections); a single extra
browser also asks hello-world every 50 ms during step 4, printed for information. The ratio is
printed, not asserted. `--profile` adds, per request class, the server-side wall and CPU time
and a cProfile of CPU time, to say where the time goes. The machine's load average is printed
before and after: other work on the machine skews absolute figures more than the ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import http.client
import http.cookiejar
import io
import json
import os
import pstats
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.intake.households import HOUSEHOLDS, Household  # noqa: E402

BASE = "/aanvraag"
HELLO_PATH = "/bench/hello"
GOAL_RATIO = 4.0
SERVER_DESCRIPTION = "werkzeug ThreadedWSGIServer (threaded=True, one thread per connection)"

# -- answers, as a resident types them -------------------------------------------------------------
# The four households are those the journey tests walk (tests/intake/households.py). Member ids
# are read from the redirects, as a browser would follow them.


def random_bsn(rng: random.Random) -> str:
    """A 9-digit number that passes the 11-check: each resident is their own household."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last <= 9:
            return "".join(map(str, [*digits, last]))


def resident_pages(household: Household, rng: random.Random) -> list[dict]:
    """The household's person pages, each adult with a random BSN of their own (a child
    without a BSN stays without)."""
    return [{**page, "bsn": random_bsn(rng)} if page["bsn"] else page for page in household.people]


# -- a browser: one keep-alive connection, a cookie jar, each request timed -----------------------

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
SUBMIT_TOKEN = re.compile(r'name="submit_token" value="([^"]+)"')
REFERENCE = re.compile(r"SD-\d{4}-[2-9A-HJ-NP-Z]{6}")
STEP_PATH = re.compile(rf"^{BASE}/stap/([a-z-]+)(?:/([A-Za-z0-9_-]+))?$")


FIRST_RESULT = f"{BASE}/eerste-uitkomst"
GO_ON = re.compile(r'href="([^"]+)">Ga verder<')


def screening_pages(household: Household) -> tuple[dict, dict]:
    """The first questions (issue #13) as this household answers them, from its own pages:
    the page data by key, and which person each counted member is ('m2' -> index)."""
    people = household.people
    adults = [i for i, p in enumerate(people) if i and p.get("relation") != "child"]
    children = [i for i, p in enumerate(people) if i and p.get("relation") == "child"]
    birth = {k: v for k, v in people[0].items() if k.startswith("birth_date-")}
    pages: dict = {
        "snel-huishouden": {**birth, "adults": str(len(adults)), "children": str(len(children))}
    }
    index = {}
    for number, i in enumerate(adults + children, start=2):
        member = f"m{number}"
        index[member] = i
        data = {k: v for k, v in people[i].items() if k.startswith("birth_date-")}
        if i in adults:
            data["partner"] = "ja" if people[i].get("relation") == "partner" else "nee"
        pages[("snel-leeftijd", member)] = data
    income = household.pages.get("inkomen", {})
    housing = household.pages.get("wonen", {})
    safety = household.pages.get("veiligheid", {})
    pages["snel-geld"] = {
        "monthly_net_income": income.get("monthly_net_income", ""),
        "receives_bijstand": income.get("receives_bijstand", "onbekend"),
    }
    pages["snel-wonen"] = {"must_leave_home": housing.get("must_leave_home", "onbekend")}
    pages["snel-veilig"] = {"feels_unsafe_at_home": safety.get("feels_unsafe_at_home", "onbekend")}
    return pages, index


class JourneyError(RuntimeError):
    pass


@dataclass
class Response:
    status: int
    location: str | None
    body: str


@dataclass
class Timing:
    kind: str  # hello, page, submit, confirmation
    method: str
    path: str
    seconds: float


class Browser:
    """What a browser does for this form: cookies, a kept-alive connection, no JavaScript."""

    def __init__(self, base_url: str, timeout: float = 120.0):
        self.base_url = base_url.rstrip("/")
        parts = urlsplit(self.base_url)
        self.host, self.port = parts.hostname, parts.port
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.timings: list[Timing] = []
        self._connection: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _send(self, method: str, path: str, body: bytes | None, headers: dict) -> Response:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout
            )
        self._connection.request(method, path, body=body, headers=headers)
        raw = self._connection.getresponse()
        content = raw.read()
        request = urllib.request.Request(self.base_url + path, method=method)  # noqa: S310 (never opened)
        self.jar.extract_cookies(raw, request)
        if raw.getheader("Connection", "").lower() == "close":
            self.close()
        return Response(raw.status, raw.getheader("Location"), content.decode("utf-8", "replace"))

    def request(self, method: str, url: str, data: dict | None = None, kind: str = "page"):
        path = urlsplit(urljoin(self.base_url + "/", url)).path
        query = urlsplit(url).query
        path = path + (f"?{query}" if query else "")
        # The cookie jar speaks urllib's Request; the request itself goes over self._connection.
        request = urllib.request.Request(self.base_url + path, method=method)  # noqa: S310
        self.jar.add_cookie_header(request)
        headers = dict(request.header_items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            response = self._send(method, path, body, headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if method != "GET":
                raise
            self.close()  # the server closed an idle kept-alive connection: open a new one
            response = self._send(method, path, body, headers)
        self.timings.append(Timing(kind, method, _template(path), time.perf_counter() - started))
        return response

    def get(self, url: str, kind: str = "page") -> Response:
        return self.request("GET", url, kind=kind)

    def post(self, url: str, data: dict, kind: str = "page") -> Response:
        return self.request("POST", url, data, kind=kind)


def _template(path: str) -> str:
    path = path.split("?")[0]
    found = STEP_PATH.match(path)
    if found and found.group(2):
        return f"{BASE}/stap/{found.group(1)}/<member>"
    return path


def _expect(response: Response, status: int, what: str) -> Response:
    if response.status != status:
        start = response.body.find('class="error-summary__list"')
        snippet = response.body[start : start + 600] if start >= 0 else response.body[:600]
        if response.status >= 500:
            snippet = "server error (see the server errors below)"
        raise JourneyError(f"{what}: HTTP {response.status}, expected {status}: {snippet!r}")
    return response


def _csrf(page: Response) -> dict:
    tokens = CSRF.findall(page.body)
    return {"csrf_token": tokens[-1]} if tokens else {}  # none when CSRF is switched off


# -- one resident's journey ----------------------------------------------------------------------


def walk(browser: Browser, household: Household, rng: random.Random) -> str:
    """Start, fill in every page the form asks for, check, submit, read the confirmation.

    Returns the reference number on the confirmation. Every request is timed in `browser`.
    """
    page, _people = walk_to_check(browser, household, rng)
    return _submit_and_confirm(browser, page, SUBMIT_TOKEN.search(page.body))


def walk_to_check(browser: Browser, household: Household, rng: random.Random):
    """Start and fill in every page the form asks for (the first questions, the first result's
    'Ga verder', the full intake) up to the check page; returns (check page, people)."""
    people = resident_pages(household, rng)
    start = _expect(browser.get(f"{BASE}/"), 200, "start page")
    location = _expect(browser.post(f"{BASE}/beginnen", _csrf(start)), 303, "begin").location
    first, counted = screening_pages(household)
    member_index = {"m1": 0, **counted}
    to_add = [i for i in range(1, len(people)) if i not in counted.values()]
    for _ in range(100):  # a journey has ~30 pages; a loop means the form keeps sending us back
        page = _expect(browser.get(location), 200, f"GET {location}")
        path = urlsplit(location).path
        if path == f"{BASE}/controleren":
            break
        if path == FIRST_RESULT:  # the first result: 'Ga verder' is a link
            found = GO_ON.search(page.body)
            if not found:
                raise JourneyError(f"{household.name}: no 'Ga verder' on the first result")
            location = urljoin(location, found.group(1))
            continue
        found = STEP_PATH.match(path)
        if not found:
            raise JourneyError(f"unexpected page {location}")
        step, member = found.groups()
        if step == "over-u":
            data = dict(people[0])
        elif step == "huishouden":
            data = {"actie": "toevoegen" if to_add else "verder"}
        elif step == "persoon":
            if member not in member_index:
                member_index[member] = to_add.pop(0)
            data = dict(people[member_index[member]])
        elif step in ("snel-huishouden", "snel-geld", "snel-wonen", "snel-veilig"):
            data = dict(first[step])
        elif step == "snel-leeftijd":
            data = dict(first[(step, member)])
        else:
            key = step if member is None else (step, member_index.get(member))
            if key not in household.pages:
                raise JourneyError(f"{household.name}: no answers for page {path} ({key})")
            data = dict(household.pages[key])
        response = _expect(browser.post(location, {**data, **_csrf(page)}), 303, f"POST {path}")
        location = response.location
    else:
        raise JourneyError(f"{household.name}: the form never reached the check page")
    return page, people


def _submit_and_confirm(browser: Browser, page, token) -> str:
    if token is None:
        raise JourneyError("no submit_token on the check page")
    submitted = browser.post(
        f"{BASE}/versturen", {"submit_token": token.group(1), **_csrf(page)}, kind="submit"
    )
    _expect(submitted, 303, "submit")
    if not urlsplit(submitted.location).path.endswith("/bevestiging"):
        raise JourneyError(f"submit sent us to {submitted.location}, not the confirmation")
    confirmation = _expect(browser.get(submitted.location, kind="confirmation"), 200, "confirm")
    reference = REFERENCE.search(confirmation.body)
    if reference is None:
        raise JourneyError("no reference number on the confirmation")
    return reference.group(0)


@dataclass
class Run:
    references: list[str | None]
    errors: list[str]
    timings: list[Timing]
    phase_times: dict[str, float] = field(default_factory=dict)


def run_journeys(
    base_url: str,
    residents: int,
    seed: int = 7,
    hello: int = 0,
    probe: bool = False,
    duration: float = 0,
) -> Run:
    """`residents` browsers at once: first `hello` hello-world requests each (the baseline),
    then each walks the whole form (again and again for `duration` seconds, when given). The
    phases start together (a barrier), like a rush. `references`: one per journey walked (None
    for a journey that failed)."""
    browsers = [Browser(base_url) for _ in range(residents)]
    references: list[str | None] = []
    lock = threading.Lock()
    errors: list[str] = []
    deadline: list[float] = []
    barrier = threading.Barrier(residents + 1)
    phase_times: dict[str, float] = {}

    def resident(i: int) -> None:
        browser = browsers[i]
        rng = random.Random(seed * 100_003 + i)
        try:
            _expect(browser.get(HELLO_PATH, kind="warmup"), 200, "hello")  # connect first
        except Exception as error:
            errors.append(f"resident {i}: warm-up: {error!r}")
        barrier.wait()
        for _ in range(hello):
            try:
                _expect(browser.get(HELLO_PATH, kind="hello"), 200, "hello")
            except Exception as error:
                errors.append(f"resident {i}: hello: {error!r}")
                break
        barrier.wait()
        barrier.wait()
        household = HOUSEHOLDS[i % len(HOUSEHOLDS)]
        try:
            while True:
                try:
                    reference = walk(browser, household, rng)
                except Exception as error:
                    reference = None
                    errors.append(f"resident {i} ({household.name}): {error!r}")
                with lock:
                    references.append(reference)
                if reference is None or not duration or time.perf_counter() >= deadline[0]:
                    break
        finally:
            browser.close()

    threads = [threading.Thread(target=resident, args=(i,), daemon=True) for i in range(residents)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    barrier.wait()
    phase_times["hello"] = time.perf_counter() - started
    stop_probe = threading.Event()
    probe_browser = Browser(base_url)
    probe_thread = None
    if probe:

        def probing() -> None:
            while not stop_probe.is_set():
                with contextlib.suppress(Exception):
                    probe_browser.get(HELLO_PATH, kind="hello-during-load")
                stop_probe.wait(0.05)

        probe_thread = threading.Thread(target=probing, daemon=True)
        probe_thread.start()
    deadline.append(time.perf_counter() + duration)
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    phase_times["journeys"] = time.perf_counter() - started
    stop_probe.set()
    if probe_thread is not None:
        probe_thread.join()
    probe_browser.close()
    timings = [t for b in (*browsers, probe_browser) for t in b.timings]
    return Run(references, errors, timings, phase_times)


# -- the server under test -----------------------------------------------------------------------


def build_app(settings: dict):
    """The real app, plus a hello-world route on this instance only (the baseline)."""
    from flask import Blueprint

    from portal import create_app

    app = create_app(settings)
    hello = Blueprint("bench_hello", __name__)

    @hello.get(HELLO_PATH)
    def hello_world():
        return "Hello, world!", 200, {"Content-Type": "text/plain; charset=utf-8"}

    app.register_blueprint(hello)
    return app


def gunicorn_app():
    """The app for gunicorn (`bench.submission_load:gunicorn_app()`), settings from the
    BENCH_SETTINGS environment variable (JSON), the same as the werkzeug server gets."""
    return build_app(json.loads(os.environ["BENCH_SETTINGS"]))


PROFILE_START_PATH = "/bench/profile-start"


class ProfileByClass:
    """WSGI middleware: per request class (hello, page, submit), the server-side wall time and
    CPU time of each request, and a cProfile of CPU time (time.thread_time: waiting for the GIL,
    a lock or the disk is not counted; cProfile is per thread, so threads do not mix).
    Profiles only after a request to PROFILE_START_PATH, so the warm-up is left out."""

    def __init__(self, app):
        self.app = app
        self.active = False
        self.lock = threading.Lock()
        self.stats: dict[str, pstats.Stats] = {}
        self.times: dict[str, list[tuple[float, float]]] = defaultdict(list)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == PROFILE_START_PATH:
            self.active = True
            start_response("204 No Content", [])
            return []
        if not self.active:
            return self.app(environ, start_response)
        kind = (
            "hello" if path == HELLO_PATH else "submit" if path.endswith("/versturen") else "page"
        )
        profile = cProfile.Profile(time.thread_time)
        wall, cpu = time.perf_counter(), time.thread_time()
        profile.enable()
        try:
            return list(self.app(environ, start_response))
        finally:
            profile.disable()
            wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
            with self.lock:
                self.times[kind].append((wall, cpu))
                if kind in self.stats:
                    self.stats[kind].add(profile)
                else:
                    self.stats[kind] = pstats.Stats(profile)

    def report(self, top: int = 30) -> str:
        out = io.StringIO()
        print("server side, per request (ms): wall = in the app; cpu = this thread's CPU", file=out)
        for kind, pairs in self.times.items():
            walls, cpus = [w for w, _ in pairs], [c for _, c in pairs]
            print(
                f"  {kind:<7} n={len(pairs):<5} wall mean={statistics.fmean(walls) * 1000:7.1f}"
                f" p95={percentile(walls, 95) * 1000:7.1f}   cpu mean="
                f"{statistics.fmean(cpus) * 1000:6.2f} p95={percentile(cpus, 95) * 1000:6.2f}",
                file=out,
            )
        for kind, stats in self.stats.items():
            print(f"\n=== CPU profile: {kind} ({len(self.times[kind])} requests) ===", file=out)
            stats.stream = out
            stats.sort_stats("cumulative").print_stats(top)
            stats.sort_stats("tottime").print_stats(top)
        return out.getvalue()


def serve(settings_json: str, profile_path: str | None) -> None:
    """The server process: build the app, print the port, serve until SIGTERM."""
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request on stderr
    settings = json.loads(settings_json)
    app = build_app(settings)
    wsgi = ProfileByClass(app.wsgi_app) if profile_path else None
    if wsgi is not None:
        app.wsgi_app = wsgi
    server = make_server("127.0.0.1", 0, app, threaded=True)

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()
    if wsgi is not None:
        Path(profile_path).write_text(wsgi.report())
        for kind, stats in wsgi.stats.items():  # for pstats / snakeviz
            stats.dump_stats(f"{profile_path}.{kind}.prof")


@contextlib.contextmanager
def database(choice: str) -> Iterator[dict]:
    """A fresh, empty database: a SQLite file in a temporary folder, or a new PostgreSQL schema
    (dropped afterwards) in the database at `choice`."""
    if choice == "sqlite":
        with tempfile.TemporaryDirectory(prefix="eenloket-bench-") as folder:
            yield {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite'}"}
        return
    import sqlalchemy as sa

    schema = f"bench_{secrets.token_hex(6)}"
    admin = sa.create_engine(choice)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield {
            "SQLALCHEMY_DATABASE_URI": choice,
            "SQLALCHEMY_ENGINE_OPTIONS": {
                "pool_pre_ping": True,
                "connect_args": {"options": f"-csearch_path={schema}"},
            },
        }
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def app_settings(db_settings: dict) -> dict:
    return {
        "ENV_MODE": "test",  # not production: cookies over plain http on 127.0.0.1
        "SECRET_KEY": secrets.token_urlsafe(48),
        "WTF_CSRF_ENABLED": True,
        **db_settings,
    }


def count_intakes(settings: dict) -> tuple[int, set[str]]:
    import sqlalchemy as sa

    from portal import create_app
    from portal.extensions import db
    from portal.models import Intake

    app = create_app(settings)
    with app.app_context():
        references = set(db.session.scalars(sa.select(Intake.reference)).all())
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Intake))
        db.engine.dispose()
    return total, references


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn_process(settings: dict, log_path: str, workers: int, threads: int) -> Iterator[str]:
    """gunicorn with gthread workers (keep-alive connections, a thread per connection), as the
    portal runs in production; stopped with SIGTERM (a graceful shutdown)."""
    port = free_port()
    command = [
        *(sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"),
        *("--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads)),
        *("--chdir", str(ROOT), "--log-level", "warning", "--graceful-timeout", "10"),
        "bench.submission_load:gunicorn_app()",
    ]
    environment = {**os.environ, "BENCH_SETTINGS": json.dumps(settings)}
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603
            command, stdout=log, stderr=log, cwd=ROOT, env=environment
        )
    try:
        started = time.monotonic()
        while True:  # gunicorn prints no port: wait until it answers
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn did not start (see {log_path})")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{HELLO_PATH}", timeout=2)
                break
            except OSError:
                if time.monotonic() - started > 60:
                    raise RuntimeError(f"gunicorn did not answer (see {log_path})") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)


@contextlib.contextmanager
def server_process(settings: dict, profile_path: str | None, log_path: str) -> Iterator[str]:
    """The server in its own process (its own GIL, as in production); its log goes to
    `log_path`, summarised by `server_errors` after the run."""
    command = [sys.executable, __file__, "--serve", json.dumps(settings)]
    if profile_path:
        command += ["--profile-to", profile_path]
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603
            command, stdout=subprocess.PIPE, stderr=log, text=True, cwd=ROOT
        )
    try:
        line = process.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"the server did not start: {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM (the server finishes its requests), then SIGKILL after a minute."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def server_errors(log_path: str) -> list[str]:
    """The server log in a few lines: which requests failed, and with which exception."""
    text = Path(log_path).read_text(errors="replace")
    failed = re.findall(r"ERROR in app: Exception on (\S+) \[(\w+)\]", text)
    causes = re.findall(r"^(\w[\w.]*(?:Error|Exception)\b.*)$", text, re.MULTILINE)
    lines = []
    by_route: dict[str, int] = defaultdict(int)
    for path, method in failed:
        by_route[f"{method} {_template(path)}"] += 1
    lines += [f"{count:>4} x {route}" for route, count in sorted(by_route.items())]
    by_cause: dict[str, int] = defaultdict(int)
    for cause in causes:
        by_cause[cause[:120]] += 1
    lines += [f"{count:>4} x {cause}" for cause, count in sorted(by_cause.items())]
    return lines


# -- figures ---------------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]  # nearest-rank


def summarise(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values) if values else float("nan"),
        "mean": statistics.fmean(values) if values else float("nan"),
    }


def _row(label: str, s: dict) -> str:
    ms = 1000
    return (
        f"  {label:<34} {s['n']:>6}  {s['p50'] * ms:>9.1f}  {s['p95'] * ms:>9.1f}"
        f"  {s['max'] * ms:>9.1f}  {s['mean'] * ms:>9.1f}"
    )


def report(run: Run, residents: int, hello_per_resident: int) -> dict:
    by_kind: dict[str, list[float]] = defaultdict(list)
    by_path: dict[tuple[str, str], list[float]] = defaultdict(list)
    for t in run.timings:
        by_kind[t.kind].append(t.seconds)
        if t.kind in ("page", "submit", "confirmation"):
            by_path[(t.method, t.path)].append(t.seconds)
    journey = by_kind["page"] + by_kind["confirmation"]
    gets = [t.seconds for t in run.timings if t.kind == "page" and t.method == "GET"]
    posts = [t.seconds for t in run.timings if t.kind == "page" and t.method == "POST"]
    figures = {
        "hello": summarise(by_kind["hello"]),
        "hello-during-load": summarise(by_kind["hello-during-load"]),
        "pages": summarise(journey),
        "pages GET": summarise(gets),
        "pages POST": summarise(posts),
        "confirmation": summarise(by_kind["confirmation"]),
        "submit": summarise(by_kind["submit"]),
    }
    print(f"\nlatency in ms ({residents} residents at once)")
    print(f"  {'request class':<34} {'n':>6}  {'p50':>9}  {'p95':>9}  {'max':>9}  {'mean':>9}")
    print(_row(f"hello-world ({hello_per_resident}/resident)", figures["hello"]))
    if by_kind["hello-during-load"]:
        print(_row("hello-world during the journeys", figures["hello-during-load"]))
    print(_row("journey pages, all (excl. submit)", figures["pages"]))
    print(_row("  of which GET (show a page)", figures["pages GET"]))
    print(_row("  of which POST (save a page)", figures["pages POST"]))
    print(_row("  of which GET confirmation", figures["confirmation"]))
    print(_row("submit (POST /versturen)", figures["submit"]))

    hello_p95 = figures["hello"]["p95"]
    submit_ratio = figures["submit"]["p95"] / hello_p95
    page_ratio = figures["pages"]["p95"] / hello_p95
    verdict = "within" if submit_ratio <= GOAL_RATIO else "NOT within"
    print("\nratios (p95 / hello-world p95, same server, same concurrency, same run)")
    print(f"  submit p95 / hello p95 = {submit_ratio:.1f}x  ({verdict} the {GOAL_RATIO:g}x goal)")
    print(f"  page   p95 / hello p95 = {page_ratio:.1f}x")
    if by_kind["hello-during-load"]:
        during = figures["hello-during-load"]["p95"]
        print(
            f"  submit p95 / hello-during-journeys p95 = {figures['submit']['p95'] / during:.1f}x"
        )

    journeys_done = sum(1 for r in run.references if r)
    journey_requests = len(journey) + len(by_kind["submit"])
    print("\nthroughput")
    print(
        f"  hello-world: {len(by_kind['hello']) / run.phase_times['hello']:.0f} requests/s "
        f"({len(by_kind['hello'])} in {run.phase_times['hello']:.2f} s)"
    )
    print(
        f"  journeys:    {journeys_done / run.phase_times['journeys']:.2f} submissions/s, "
        f"{journey_requests / run.phase_times['journeys']:.0f} requests/s "
        f"({journeys_done} journeys, {journey_requests} requests in "
        f"{run.phase_times['journeys']:.2f} s)"
    )
    print("\nslowest journey requests by p95 (ms)")
    slowest = sorted(by_path.items(), key=lambda item: -percentile(item[1], 95))[:8]
    for (method, path), values in slowest:
        s = summarise(values)
        print(
            f"  {method:<4} {path:<42} n={s['n']:<4} p50={s['p50'] * 1000:7.1f}"
            f"  p95={s['p95'] * 1000:7.1f}"
        )
    return {"figures": figures, "submit_ratio": submit_ratio, "page_ratio": page_ratio}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=50, help="residents at once (50)")
    parser.add_argument(
        "--database", default="sqlite", help="'sqlite' (a fresh temporary file) or a URL"
    )
    parser.add_argument("--hello", type=int, default=20, help="hello-world requests per resident")
    parser.add_argument("--warmup", type=int, default=1, help="untimed journeys per household")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the server per request class"
    )
    parser.add_argument(
        "--handoff",
        action="store_true",
        help="run twice, without and with the hand-off outbox, and print the submit p95 ratio",
    )
    parser.add_argument(
        "--server",
        choices=("werkzeug", "gunicorn"),
        default="werkzeug",
        help="werkzeug's threaded server (default) or gunicorn, the production shape",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (2)")
    parser.add_argument("--threads", type=int, default=16, help="threads per gunicorn worker")
    parser.add_argument(
        "--duration",
        type=float,
        default=0,
        help="seconds: each resident walks the form again until then (0: once each)",
    )
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.profile_to)
        return 0

    shown_db = "SQLite (temporary file)" if args.database == "sqlite" else "PostgreSQL schema"
    if args.server == "gunicorn":
        print(
            f"server:   gunicorn, {args.workers} gthread workers x {args.threads} threads, "
            "in a subprocess (the production shape)"
        )
    else:
        print(f"server:   {SERVER_DESCRIPTION}, in a subprocess")
    if args.duration:
        print(f"duration: each resident walks the form again and again for {args.duration:g} s")
    print(f"database: {shown_db}; clients: {args.residents} threads, http.client + cookiejar")
    print(f"households: {', '.join(h.name for h in HOUSEHOLDS)} (resident i gets shape i mod 4)")
    print(
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} CPUs (other work on the machine skews absolute figures)"
    )
    if not args.handoff:
        _, ok = one_run(args, {})
        return 0 if ok else 1
    # The same load twice, each on a fresh database: without the hand-off, then with the outbox
    # (rows written in the submit's transaction, handed to Redis after the commit when it runs;
    # no worker delivers during the run), and the ratio of the submit p95s (issue #15).
    from tests.zgw.fake_server import FakeZGW

    zgw = FakeZGW().start()
    handoff = {**zgw.config(), "HANDOFF_EMBEDDED_WORKER": False}
    try:
        import redis

        redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_timeout=1).ping()
        handoff |= {
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
            "HANDOFF_QUEUE": f"handoff-bench-load-{os.getpid()}",
        }
    except Exception:
        print("(no Redis on 127.0.0.1:6379: the run with the outbox writes rows only)")
    results = {}
    for label, extra in (("without hand-off", {}), ("with the outbox", handoff)):
        print(f"\n=== {label} ===")
        results[label], ok = one_run(args, extra)
        if not ok:
            return 1
    zgw.stop()
    if handoff.get("CELERY_BROKER_URL"):
        redis.Redis.from_url(handoff["CELERY_BROKER_URL"]).delete(handoff["HANDOFF_QUEUE"])
    before = results["without hand-off"]["figures"]["submit"]["p95"]
    after = results["with the outbox"]["figures"]["submit"]["p95"]
    print(f"\nsubmit p95 with the outbox / without: {after / before:.3f} (goal ≤ 1.05)")
    print(
        f"submit p95 / hello p95: {results['without hand-off']['submit_ratio']:.1f}x without, "
        f"{results['with the outbox']['submit_ratio']:.1f}x with the outbox"
    )
    return 0


def one_run(args, extra: dict) -> tuple[dict, bool]:
    """One measured run on a fresh database, with `extra` settings for the server."""
    from portal import create_app
    from portal import database as migrations

    with database(args.database) as db_settings:
        settings = {**app_settings(db_settings), **extra}
        migrations.upgrade(create_app(settings))
        profile_file = None
        if args.profile:
            profile_file = tempfile.NamedTemporaryFile(  # noqa: SIM115
                prefix="eenloket-profile-", suffix=".txt", delete=False
            ).name
        log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="eenloket-server-", suffix=".log", delete=False
        ).name
        if args.server == "gunicorn":
            serving = gunicorn_process(settings, log_file, args.workers, args.threads)
        else:
            serving = server_process(settings, profile_file, log_file)
        with serving as base_url:
            if args.warmup:
                warm = run_journeys(base_url, args.warmup * len(HOUSEHOLDS), seed=args.seed + 1)
                if warm.errors:
                    print("\nwarm-up failed:\n  " + "\n  ".join(warm.errors))
                    return 1
            before, _ = count_intakes(settings)
            if profile_file:
                Browser(base_url).get(PROFILE_START_PATH)
            run = run_journeys(
                base_url,
                args.residents,
                seed=args.seed,
                hello=args.hello,
                probe=True,
                duration=args.duration,
            )
        after, stored_refs = count_intakes(settings)

    if run.errors:
        print(f"\n{len(run.errors)} residents failed:")
        for error in run.errors[:20]:
            print("  " + error)
    errors_logged = server_errors(log_file)
    if errors_logged:
        print(f"\nserver errors (full log: {log_file}):")
        for line in errors_logged:
            print("  " + line)
    else:
        Path(log_file).unlink()
    figures = report(run, args.residents, args.hello)

    shown = [r for r in run.references if r]
    new = after - before
    unique_and_stored = len(set(shown)) == len(shown) and set(shown) <= stored_refs
    # once each: one intake per resident; with --duration: one per journey that was confirmed
    expected = len(run.references) if args.duration else args.residents
    exact = new == expected == len(shown) and unique_and_stored
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\nintegrity")
    print(
        f"  {len(shown)} of {expected} journeys ({args.residents} residents) reached a "
        "confirmation with a reference"
    )
    print(f"  {new} intakes stored in the timed run (+{before} from the warm-up)")
    print(f"  references unique and each one stored: {'yes' if unique_and_stored else 'NO'}")
    if new > len(shown):
        print(
            f"  {new - len(shown)} intake(s) stored for residents who got an error instead of "
            "a confirmation (their draft is left 'submitting': a retry after the stale-submit "
            "window would store a second intake)"
        )
    lost = expected - len(shown)
    detail = "" if exact else f" ({lost} residents got an error; see above)"
    print(
        f"  exactly one intake per resident (none lost, none twice): {'yes' if exact else 'NO'}"
        + detail
    )
    if profile_file:
        print(f"\nserver profile (per request class): {profile_file} (+ .<class>.prof)")
        print(Path(profile_file).read_text()[:6000])
    return figures, exact and not run.errors


if __name__ == "__main__":
    sys.exit(main())
