"""A small client for the ZGW APIs (Zaken, Catalogi, Documenten), as the hand-off uses them.

Authorisation as the ZGW standard prescribes: a JWT signed with HS256 using the client's secret,
with `iss` and `client_id` the client id, `iat` now, and `user_id`/`user_representation` saying
on whose behalf (here: the portal itself). One client id and secret per API (config
`ZGW_CLIENTS`), because a municipality may run the three APIs in different products.

Errors are sorted for the outbox: `Retry` for what may pass (no connection, a timeout, a 5xx, a
429), `Refused` for what will not pass until someone changes something (any other 4xx), with
the server's own explanation kept for the admin page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import jwt
import requests

# Zaken API operations with geometry demand these headers (EPSG:4326 is WGS84, GeoJSON's CRS)
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


class ZGWError(Exception):
    pass


class Retry(ZGWError):
    """The call may succeed later: the outbox tries again with backoff."""


class Refused(ZGWError):
    """The server refused the request (4xx): trying again changes nothing until the
    configuration or the data is fixed; an admin sees the reason and retries by hand."""


@dataclass(frozen=True)
class Client:
    root: str
    client_id: str
    secret: str
    timeout: float
    crs: bool = False  # the Zaken API wants the CRS headers on every zaak call
    # GETs remembered for the life of this client (one delivery): the catalogue's zaaktypen,
    # roltypen and statustypen do not change while one intake is delivered
    remember: bool = False
    _memory: dict = field(default_factory=dict, compare=False, repr=False)

    def token(self) -> str:
        claims = {
            "iss": self.client_id,
            "iat": int(time.time()),
            "client_id": self.client_id,
            "user_id": self.client_id,
            "user_representation": "Eén loket",
        }
        return jwt.encode(claims, self.secret, algorithm="HS256")

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else f"{self.root}{path}"

    def call(
        self, method: str, path: str, *, json: dict | None = None, params: dict | None = None
    ) -> dict:
        headers = {"Authorization": f"Bearer {self.token()}", "Accept": "application/json"}
        if self.crs:
            headers.update(CRS)
        try:
            response = requests.request(
                method,
                self.url(path),
                json=json,
                params=params,
                headers=headers,
                timeout=self.timeout,
            )
        except requests.Timeout as error:
            raise Retry(f"{method} {path}: geen antwoord binnen {self.timeout:g} s") from error
        except requests.ConnectionError as error:
            raise Retry(f"{method} {path}: geen verbinding ({type(error).__name__})") from error
        if response.status_code >= 500 or response.status_code == 429:
            raise Retry(f"{method} {path}: {response.status_code} {_reason(response)}")
        if response.status_code >= 400:
            raise Refused(f"{method} {path}: {response.status_code} {_reason(response)}")
        return response.json() if response.content else {}

    def get(self, path: str, **params) -> dict:
        if not self.remember:
            return self.call("GET", path, params=params or None)
        key = (path, tuple(sorted(params.items())))
        if key not in self._memory:
            self._memory[key] = self.call("GET", path, params=params or None)
        return self._memory[key]

    def post(self, path: str, body: dict) -> dict:
        return self.call("POST", path, json=body)

    def patch(self, path: str, body: dict) -> dict:
        return self.call("PATCH", path, json=body)

    def first(self, path: str, **params) -> dict | None:
        """The first result of a list query (ZGW lists are paginated: {count, results})."""
        found = self.get(path, **params)
        results = found.get("results") if isinstance(found, dict) else found
        return results[0] if results else None


def _reason(response: requests.Response) -> str:
    """The server's own words (ZGW answers errors as `Fout`: title, detail, invalidParams)."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    parts = [str(body.get("title") or body.get("detail") or "")]
    for problem in body.get("invalidParams") or []:
        parts.append(f"{problem.get('name')}: {problem.get('reason')}")
    return "; ".join(p for p in parts if p)[:1000]


@dataclass(frozen=True)
class Apis:
    zaken: Client
    catalogi: Client
    documenten: Client
    rsin: str


def from_config(config) -> Apis | None:
    """The three clients, or None when the hand-off is off (no Zaken API configured)."""
    if not config.get("ZGW_ZAKEN_API_ROOT"):
        return None
    clients = config["ZGW_CLIENTS"]
    timeout = float(config.get("ZGW_TIMEOUT_SECONDS") or 10)

    def client(api: str) -> Client:
        root = config.get(f"ZGW_{api.upper()}_API_ROOT") or ""
        return Client(
            root,
            clients[api]["client_id"],
            clients[api]["secret"],
            timeout,
            crs=api == "zaken",
            remember=api == "catalogi",
        )

    return Apis(client("zaken"), client("catalogi"), client("documenten"), config["ZGW_RSIN"])
