"""The scenario registry: one function per scenario, one call = one iteration.

A scenario receives an ``httpx.Client`` (``base_url`` = the server under test). When
registered with ``login_as``, the harness logs that client in once per thread before
the clock starts, so the function sees a session like a browser's. A scenario checks
what it got and raises ``Failure`` on anything unexpected; the harness counts that
iteration as a failure and reports the message.

Later modules add theirs here (see bench/README.md)::

    @scenario("cases_list", login_as="motcua")
    def cases_list(client):
        expect(client.get("/mot-cua/"), 200, contains="Hồ sơ")
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import httpx

DEMO_PASSWORD = "xaso-demo-2026"  # xaso.seed.demo.DEMO_PASSWORD; not imported: no Django here

# What the harness learnt from the dataset it built (``build_scale_dataset``'s
# ``samples``), for scenarios that need existing objects: {"dossier_lookups": [[code,
# key], ...]}.
DATASET: dict[str, list] = {}


class Failure(Exception):
    """An iteration got something other than what the scenario expects."""


@dataclass(frozen=True)
class Scenario:
    name: str
    func: Callable[[httpx.Client], None]
    login_as: str | None = None
    password: str = DEMO_PASSWORD
    description: str = ""


REGISTRY: dict[str, Scenario] = {}


def scenario(name: str, *, login_as: str | None = None, password: str = DEMO_PASSWORD):
    """Register ``func`` as scenario ``name``; ``login_as`` = username of the session."""

    def register(func: Callable[[httpx.Client], None]):
        if name in REGISTRY:
            raise ValueError(f"scenario {name!r} registered twice")
        doc = (func.__doc__ or "").strip().splitlines()
        REGISTRY[name] = Scenario(
            name=name,
            func=func,
            login_as=login_as,
            password=password,
            description=doc[0] if doc else "",
        )
        return func

    return register


def expect(
    response: httpx.Response,
    status: int,
    *,
    contains: str | None = None,
    location: str | None = None,
) -> httpx.Response:
    """Raise ``Failure`` unless ``response`` has ``status`` (and the text / redirect)."""
    where = f"{response.request.method} {response.request.url.path}"
    if response.status_code != status:
        raise Failure(f"{where}: HTTP {response.status_code}, expected {status}")
    if contains is not None and contains not in response.text:
        raise Failure(f"{where}: response lacks {contains!r}")
    if location is not None and response.headers.get("location") != location:
        raise Failure(
            f"{where}: redirects to {response.headers.get('location')!r}, expected {location!r}"
        )
    return response


def fresh_client(client: httpx.Client) -> httpx.Client:
    """A new client (new connection, empty cookie jar) to the same server: a new visitor.

    Plain HTTP on loopback, so no TLS context is built (that would time the client).
    """
    return httpx.Client(base_url=client.base_url, timeout=client.timeout, verify=False)


_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log_in(client: httpx.Client, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log ``client`` in through the login form, as a browser does."""
    page = expect(client.get("/dang-nhap/"), 200)
    match = _CSRF_INPUT.search(page.text)
    if match is None:
        raise Failure("GET /dang-nhap/: no CSRF token in the form")
    response = client.post(
        "/dang-nhap/",
        data={
            "csrfmiddlewaretoken": match.group(1),
            "username": username,
            "password": password,
            "next": "",
        },
    )
    expect(response, 302, location="/")


# --- the scenarios ------------------------------------------------------------------------


@scenario("bare")
def bare(client: httpx.Client) -> None:
    """GET /healthz — the baseline: no session, no database, no template."""
    expect(client.get("/healthz"), 200)


@scenario("login")
def login(client: httpx.Client) -> None:
    """A new visitor logs in as lanhdao: GET the form, POST it, 302 to /."""
    with fresh_client(client) as visitor:
        log_in(visitor, "lanhdao")


@scenario("home", login_as="lanhdao")
def home(client: httpx.Client) -> None:
    """The leader's home page (GET /, logged in), which greets them."""
    expect(client.get("/"), 200, contains="Xin chào")


# Long Hẹ (03763): at province scale it has five years of approved values, like the 74
# synthetic communes beside it; at commune scale the same pages render without values.
LONGHE = "03763"


@scenario("targets_dashboard", login_as="lanhdao")
def targets_dashboard(client: httpx.Client) -> None:
    """The leader's dashboard of Long Hẹ's 25 resolution targets, evaluated live."""
    expect(
        client.get("/chi-tieu/", params={"don_vi": LONGHE}),
        200,
        contains="Chỉ tiêu nghị quyết",
    )


@scenario("target_detail", login_as="lanhdao")
def target_detail(client: httpx.Client) -> None:
    """One target's drill-down (social 11: a ratio entered per bản), with its bản table."""
    expect(
        client.get("/chi-tieu/social/11/", params={"don_vi": LONGHE}),
        200,
        contains="Theo bản",
    )


# --- one-stop (một cửa) -------------------------------------------------------------------

LONGHE_CENTER = "03763-TTPVHCC"
DOSSIER_CODE = re.compile(r"^[0-9A-Z-]+-\d{6}-\d{4}$")


def _json(response: httpx.Response) -> dict:
    try:
        data = response.json()
    except ValueError as exc:
        raise Failure(f"{response.request.url.path}: not JSON") from exc
    if not isinstance(data, dict):
        raise Failure(f"{response.request.url.path}: JSON is not an object")
    return data


@scenario("dossier_intake_api", login_as="motcua")
def dossier_intake_api(client: httpx.Client) -> None:
    """POST /api/v1/dossiers as motcua: a birth registration at Long Hẹ's desk (201, code)."""
    token = client.cookies.get("csrftoken")
    if not token:
        raise Failure("no csrftoken cookie after logging in")
    body = {
        "org_unit": LONGHE_CENTER,
        "procedure": "1.001193",
        "channel": "direct",
        "applicant": {
            "name": "Công dân bench API (demo)",
            # Sơn La (014), a man born in the 1900s (0), in 1990 (90): matches birth_date.
            "id_number": f"014090{random.randrange(10**6):06d}",
            "birth_date": "1990-05-01",
            "address": "Bản Pá Uổi, xã Long Hẹ, tỉnh Sơn La (demo)",
        },
        "idempotency_key": f"bench-{uuid.uuid4().hex}",  # a new dossier every iteration
    }
    response = client.post("/api/v1/dossiers", json=body, headers={"X-CSRFToken": token})
    if response.status_code == 201:
        code = _json(response).get("code", "")
        if not DOSSIER_CODE.match(str(code)):
            raise Failure(f"POST /api/v1/dossiers: code {code!r} is not <unit>-YYMMDD-NNNN")
        return
    detail = response.text[:200].replace("\n", " ")
    raise Failure(f"POST /api/v1/dossiers: HTTP {response.status_code}, expected 201: {detail}")


@scenario("dossier_lookup")
def dossier_lookup(client: httpx.Client) -> None:
    """GET /tra-cuu/<code>/?khoa=<key> — the public lookup of a dossier picked from the
    dataset, with the look-up key printed on its slip."""
    lookups = DATASET.get("dossier_lookups")
    if not lookups:
        raise Failure("the dataset has no dossier codes to look up")
    code, key = random.choice(lookups)
    expect(client.get(f"/tra-cuu/{code}/", params={"khoa": key}), 200, contains=code)


@scenario("desk_queue", login_as="motcua")
def desk_queue(client: httpx.Client) -> None:
    """GET /mot-cua/ as motcua: Long Hẹ's desk, its queue of dossiers."""
    expect(client.get("/mot-cua/"), 200, contains="Một cửa")


@scenario("onestop_statistics", login_as="lanhdao")
def onestop_statistics(client: httpx.Client) -> None:
    """GET /mot-cua/thong-ke/ as lanhdao: form II.06a and the Decision 766 indicators."""
    expect(client.get("/mot-cua/thong-ke/"), 200, contains="Thống kê")
