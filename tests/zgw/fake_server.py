"""A fake ZGW server (Zaken, Catalogi, Documenten) on loopback, for tests only.

It answers as the APIs would for what the hand-off uses, and it checks every request it gets
against the official OpenAPI files vendored in portal/handoff/specs (with openapi-core): a
request that does not match the contract is answered 400 *and* recorded in `violations`, so a
test fails on it even when the product would swallow the 400. It also checks the ZGW JWT
(HS256 with the client's secret) and the uniqueness of a zaak's identificatie, as Open Zaak
does.

Faults for the tests: `fault = "500" | "400" | "timeout"` answers every call so (a timeout sleeps
past the client's limit), `stop()` makes the port refuse connections, and `on_zaak_created`
runs after a zaak is stored and before the answer is sent (a test kills the worker there).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import jwt
import yaml
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

SPECS = Path(__file__).resolve().parents[2] / "portal" / "handoff" / "specs"
APIS = {
    "zaken": "zaken-api.yaml",
    "catalogi": "catalogi-api.yaml",
    "documenten": "documenten-api.yaml",
}
SECRET = "fake-zgw-secret-for-the-tests-only-0123456789"
CLIENT_ID = "eenloket-test"
_OPENAPI: dict[str, OpenAPI] = {}


def _openapi(api: str) -> OpenAPI:
    """The official file with its server made relative, so one parse serves every port."""
    if api not in _OPENAPI:
        spec = yaml.safe_load((SPECS / APIS[api]).read_text(encoding="utf-8"))
        spec["servers"] = [{"url": f"/{api}/api/v1"}]
        _OPENAPI[api] = OpenAPI.from_dict(spec)
    return _OPENAPI[api]


class FakeZGW:
    def __init__(self) -> None:
        self._server = make_server(
            "127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_Quiet
        )
        self.port = self._server.server_port
        self.base = f"http://127.0.0.1:{self.port}"
        self.roots = {api: f"{self.base}/{api}/api/v1" for api in APIS}
        self.openapi = {api: _openapi(api) for api in APIS}
        self.lock = threading.Lock()
        self.store: dict[str, dict[str, dict]] = {}
        self.calls: list[tuple[str, str]] = []
        self.violations: list[str] = []
        self.fault: str | None = None
        self.on_zaak_created: Callable[[dict], None] | None = None
        self._thread: threading.Thread | None = None
        self.catalogue = self._seed_catalogue()

    # -- life cycle ---------------------------------------------------------------------------

    def start(self) -> FakeZGW:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def config(self) -> dict:
        """The portal settings that point the hand-off here."""
        return {
            "ZGW_ZAKEN_API_ROOT": self.roots["zaken"],
            "ZGW_CATALOGI_API_ROOT": self.roots["catalogi"],
            "ZGW_DOCUMENTEN_API_ROOT": self.roots["documenten"],
            "ZGW_CLIENTS": {api: {"client_id": CLIENT_ID, "secret": SECRET} for api in APIS},
            "ZGW_RSIN": "123456782",
            "ZGW_TIMEOUT_SECONDS": 2,
        }

    # -- the catalogue the municipality configured --------------------------------------------

    def _add(self, api: str, collection: str, body: dict) -> dict:
        key = str(uuid.uuid4())
        body = {**body, "uuid": key, "url": f"{self.roots[api]}/{collection}/{key}"}
        self.store.setdefault(collection, {})[key] = body
        return body

    def add_zaaktype(self, code: str, *, concept: bool = False) -> str:
        catalogus = f"{self.roots['catalogi']}/catalogussen/{uuid.uuid4()}"
        iot = self._add(
            "catalogi",
            "informatieobjecttypen",
            {"omschrijving": "Aanvraag", "catalogus": catalogus},
        )
        zaaktype = self._add(
            "catalogi",
            "zaaktypen",
            {
                "identificatie": code,
                "omschrijving": f"Zaaktype {code}",
                "catalogus": catalogus,
                "concept": concept,
                "informatieobjecttypen": [iot["url"]],
            },
        )
        for generic in ("initiator", "belanghebbende", "zaakcoordinator"):
            self._add(
                "catalogi",
                "roltypen",
                {
                    "zaaktype": zaaktype["url"],
                    "omschrijving": generic,
                    "omschrijvingGeneriek": generic,
                },
            )
        for number, text in ((1, "Ontvangen"), (2, "In behandeling"), (3, "Afgehandeld")):
            self._add(
                "catalogi",
                "statustypen",
                {
                    "zaaktype": zaaktype["url"],
                    "volgnummer": number,
                    "omschrijving": text,
                    "statustekst": text,
                    "isEindstatus": number == 3,
                },
            )
        return zaaktype["url"]

    def _seed_catalogue(self) -> dict[str, str]:
        return {
            regime: self.add_zaaktype(regime.upper()[:10])
            for regime in (
                "wmo",
                "jeugdwet",
                "participatiewet",
                "schuldhulp",
                "leerplicht",
                "leerlingenvervoer",
                "kinderopvang_smi",
                "minimaregelingen",
            )
        }

    # -- reading what was made ----------------------------------------------------------------

    def all(self, collection: str) -> list[dict]:
        with self.lock:
            return list(self.store.get(collection, {}).values())

    # -- the WSGI app ---------------------------------------------------------------------------

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        response = self._answer(request)
        return response(environ, start_response)

    def _answer(self, request: Request) -> Response:
        if self.fault == "timeout":
            time.sleep(3)
            return _json({"title": "te laat"}, 504)
        if self.fault == "500":
            return _json({"title": "Interne serverfout"}, 500)
        if self.fault == "400":
            return _json(
                {"title": "Ongeldige invoer", "invalidParams": [{"name": "x", "reason": "fault"}]},
                400,
            )
        parts = request.path.strip("/").split("/")
        if len(parts) < 4 or parts[0] not in APIS or parts[1:3] != ["api", "v1"]:
            return _json({"title": "Niet gevonden"}, 404)
        api, rest = parts[0], parts[3:]
        self.calls.append((request.method, request.path))
        problems = [
            str(e) for e in self.openapi[api].iter_request_errors(WerkzeugOpenAPIRequest(request))
        ]
        if problems:
            self.violations.append(f"{request.method} {request.path}: {problems}")
            return _json(
                {"title": "Request voldoet niet aan de API", "detail": "; ".join(problems)[:500]},
                400,
            )
        try:
            claims = jwt.decode(
                (request.headers.get("Authorization") or "").removeprefix("Bearer "),
                SECRET,
                algorithms=["HS256"],
                # the tests freeze this process's clock; a worker process signs with the real
                # one, so `iat` is required but not compared with a clock here
                options={"require": ["iat", "client_id"], "verify_iat": False},
            )
            assert claims["client_id"] == CLIENT_ID
        except Exception as error:
            self.violations.append(f"{request.method} {request.path}: JWT {error}")
            return _json({"title": "Niet geautoriseerd"}, 403)
        with self.lock:
            return self._handle(api, request, rest)

    def _handle(self, api: str, request: Request, rest: list[str]) -> Response:
        collection = rest[0]
        items = self.store.setdefault(collection, {})
        if request.method == "GET" and len(rest) == 2:
            found = items.get(rest[1])
            return _json(found) if found else _json({"title": "Niet gevonden"}, 404)
        if request.method == "GET":
            results = [i for i in items.values() if _matches(i, request.args)]
            if collection == "zaakinformatieobjecten":
                return _json(results)
            return _json(
                {"count": len(results), "next": None, "previous": None, "results": results}
            )
        body = request.get_json()
        if request.method == "PATCH" and len(rest) == 2:
            found = items.get(rest[1])
            if not found:
                return _json({"title": "Niet gevonden"}, 404)
            found.update(body)
            return _json(found)
        if request.method == "POST":
            return self._create(api, collection, body)
        return _json({"title": "Methode niet toegestaan"}, 405)

    def _create(self, api: str, collection: str, body: dict) -> Response:
        if collection == "zaken":
            taken = any(
                z.get("identificatie") == body.get("identificatie")
                and z.get("bronorganisatie") == body.get("bronorganisatie")
                for z in self.store.get("zaken", {}).values()
            )
            if taken:
                return _json(
                    {
                        "title": "Invalid input.",
                        "invalidParams": [
                            {
                                "name": "identificatie",
                                "code": "identificatie-niet-uniek",
                                "reason": "Deze identificatie bestaat al.",
                            }
                        ],
                    },
                    400,
                )
        made = self._add(api, collection, body)
        if collection == "rollen":  # as the API does: the generic role comes from the roltype
            roltype = self._by_url("roltypen", body["roltype"]) or {}
            made["omschrijving"] = roltype.get("omschrijving", "")
            made["omschrijvingGeneriek"] = roltype.get("omschrijvingGeneriek", "")
        if collection == "zaken":
            made.setdefault("relevanteAndereZaken", [])
            made["status"] = None
        if collection == "statussen":
            zaak = self._by_url("zaken", body["zaak"])
            if zaak is not None:
                zaak["status"] = made["url"]
        if collection == "zaken" and self.on_zaak_created is not None:
            self.on_zaak_created(made)
        return _json(made, 201)

    def _by_url(self, collection: str, url: str) -> dict | None:
        return next((i for i in self.store.get(collection, {}).values() if i["url"] == url), None)


class _Quiet(WSGIRequestHandler):
    def log(self, *args, **kwargs) -> None:  # the tests read `calls`, not a log per request
        pass


def _matches(item: dict, args) -> bool:
    for key, value in args.items():
        if key in ("page", "expand"):
            continue
        if key.startswith("betrokkeneIdentificatie__natuurlijkPersoon__"):
            field = key.rsplit("__", 1)[1]
            if (item.get("betrokkeneIdentificatie") or {}).get(field) != value:
                return False
            continue
        if str(item.get(key)) != value:
            return False
    return True


def _json(body, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")
