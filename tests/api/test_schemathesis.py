"""Schemathesis over every operation of the OpenAPI document (issue 9: "no server error,
whatever comes in"; the document states the real statuses and request shapes).

Each operation is called through the WSGI application as three personas — the commune's
administrator, a one-stop desk officer of Long Hẹ (a real session cookie and the CSRF
cookie and header, so writes are really attempted) and an anonymous client — with all of
schemathesis's checks: no server error, every status and content type documented,
responses as documented, schema-violating input refused, schema-valid input accepted.
Half the cases that name a record (``{code}``) are aimed at a real one, so transitions,
look-ups and edits reach the services rather than a 404.

Every example runs in a savepoint rolled back after it: the next one starts from the same
database (writes do not pile up, and a failed statement on PostgreSQL does not poison the
test's transaction).

Short by default (``make test`` runs it on both databases); a long run::

    XASO_SCHEMATHESIS_EXAMPLES=100 XASO_TESTING=1 uv run pytest -m "not e2e" \\
        -p no:cacheprovider tests/api/test_schemathesis.py

(``XASO_SCHEMATHESIS_ALL_FAILURES=1`` lists every failing case instead of stopping at an
operation's first; ``XASO_SCHEMATHESIS_PERSONAS`` adds roles; docs/operations.md, "API
fuzzing").
"""

from __future__ import annotations

import json
import os
import zlib
from fnmatch import fnmatch

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.db import transaction
from hypothesis import HealthCheck, settings

#: Fuzzed cases per operation, positive and negative (the coverage phase's boundary
#: cases — a fixed, deterministic set — come on top).
EXAMPLES = int(os.environ.get("XASO_SCHEMATHESIS_EXAMPLES", "5"))
ALL_FAILURES = os.environ.get("XASO_SCHEMATHESIS_ALL_FAILURES") == "1"
#: Who calls: the commune's administrator, a desk officer, nobody; a long run may add
#: leader, specialist, reception, statistician.
PERSONAS = os.environ.get("XASO_SCHEMATHESIS_PERSONAS", "admin,officer,anonymous").split(",")

#: Rules no JSON Schema can state — a code that must exist in the catalogue, an ID number
#: whose birth year must agree with the birth date, a step the record's status does not
#: allow. Schema-valid input may be refused for them with 422, and then only naming one
#: of these fields (``business_rule_named``); any other 422 to schema-valid input fails.
BUSINESS_RULES: dict[str, set[str]] = {
    # A lunar month of 29 days has no 30th; most years have no leap month.
    "GET /api/v1/lunar": {"day", "leap"},
    # The period's end before its start; a user without a unit must name one.
    "GET /api/v1/onestop/statistics": {"end", "org_unit"},
    # Only the installation's administrator sets an administrative code; it is unique and
    # has a commune's 5 or a province's 2 digits. A unit cannot close before it opens.
    "PATCH /api/v1/org-units/{code}": {"gov_code", "valid_to"},
    # A procedure in the catalogue (and offered online for an online dossier), a bản that
    # is one, a service center that receives dossiers, an exemption the procedure grants,
    # an ID number whose birth year is the birth date's, a birth date not in the future.
    "POST /api/v1/dossiers": {
        "procedure",
        "org_unit",
        "fee_exemption",
        "applicant.village",
        "applicant.id_number",
        "applicant.birth_date",
    },
    # A step the dossier's status allows, with what that step needs: a reason, the missing
    # documents, an assignee who may process it, a return method, the fee paid.
    "POST /api/v1/dossiers/{code}/transitions": {
        "action",
        "note",
        "assignee",
        "return_method",
        "amount",
        "fee",
        "result",
    },
    # The petition's officer and decider must be people who may take those parts.
    "POST /api/v1/petitions/{code}/assign": {"assigned_to", "decider"},
    # A step the petition's status allows, with its reason, answer or recipient.
    "POST /api/v1/petitions/{code}/{action}": {"action", "reason", "answer", "forwarded_to"},
    # A measure of the unit's resolution, once; the resolution's validation rules (data:
    # "period in the term" names "<measure>.year").
    "POST /api/v1/target-values": {
        "quarter",
        "year",
        "*.year",
        "*.measure",
        "*.value",
        "*.numerator",
        "*.denominator",
        "*.comment",
    },
    # Only submitted values are approved.
    "POST /api/v1/target-values/approve": {"status"},
}

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 2026,
        "generation": {
            "max-examples": EXAMPLES,
            "deterministic": True,
            "database": "none",
            # The session cookie is the persona's, set by the test (below).
            "with-security-parameters": False,
        },
        "phases": {"stateful": {"enabled": False}},
        "output": {"sanitization": {"enabled": False}},
        "operations": [
            {
                "include-name": name,
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "401", "403", "404", "409", "422", "429"]
                    }
                },
            }
            for name in BUSINESS_RULES
        ],
    }
)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler(), config=CONFIG)


@schema.auth(refresh_interval=None)
class PersonaSession:
    """Every case carries a session: the test puts the persona's cookies on it (the
    coverage phase builds its cases at collection, before any persona exists)."""

    def get(self, case, ctx):
        return "persona"

    def set(self, case, data, ctx):
        pass


def business_rule_named(ctx, response, case):
    """A 422 to schema-valid input names only a field of the operation's business rules."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if response.status_code != 422:
        return None
    fields = {d["field"] for d in response.json()["detail"]}
    allowed = BUSINESS_RULES.get(case.operation.label, set())
    unexplained = {f for f in fields if not any(fnmatch(str(f), a) for a in allowed)}
    assert not unexplained, f"schema-valid input refused for {unexplained}: {response.text}"
    return None


@pytest.fixture
def keep_connection():
    """As Django's test client does: the end of a request must not close the test's
    database connection (its transaction holds the fixtures)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(request, keep_connection, longhe):
    """The records an operation's cases are aimed at — only what it reads."""
    import datetime as dt

    from xaso.core.models import OrgUnit
    from xaso.seed import loader

    name = request.node.name
    world = {}
    if "/target" in name:
        loader.load_resolution()
    if "dossiers" in name:
        from xaso.onestop import services as onestop

        procedures = request.getfixturevalue("procedures")
        # The justice specialist the document's transfer example names (the demo's).
        request.getfixturevalue("make_user")(
            "tuphap", "specialist", longhe, field="justice_civil_status"
        )
        world["dossier"] = onestop.dossier_intake(
            actor=request.getfixturevalue("officer"),
            org_unit=request.getfixturevalue("center"),
            procedure=procedures["1.001193"],
            channel="direct",
            applicant=onestop.Applicant(
                name="Lò Văn Thử",
                id_number="014095001234",
                address="Bản Pá Uổi",
                birth_date=dt.date(1995, 3, 2),
                village=OrgUnit.objects.get(code="03763-B01"),
                phone="0912345678",
            ),
        )
    if "petitions" in name:
        from xaso.petitions import services as petitions

        world["petition"] = petitions.petition_receive(
            actor=request.getfixturevalue("leader"),
            org_unit=longhe,
            kind="complaint",
            channel="reception",
            summary="Tranh chấp đất nương",
            village=OrgUnit.objects.get(code="03763-B01"),
            petitioner=petitions.Petitioner(
                name="Lò Văn Tố",
                id_number="014095001234",
                address="Bản Pá Uổi",
                phone="0912345678",
            ),
        )
    return world


@pytest.fixture
def persona_auth(request, persona):
    """The persona's real session cookie, and a CSRF token as cookie and header."""
    if persona == "anonymous":
        return {"cookies": {}, "headers": {}}
    from django.conf import settings as django_settings
    from django.http import HttpRequest
    from django.middleware.csrf import get_token

    client = request.getfixturevalue("login")(request.getfixturevalue(persona))
    csrf = HttpRequest()
    token = get_token(csrf)
    return {
        "cookies": {
            django_settings.SESSION_COOKIE_NAME: client.cookies[
                django_settings.SESSION_COOKIE_NAME
            ].value,
            django_settings.CSRF_COOKIE_NAME: csrf.META["CSRF_COOKIE"],
        },
        "headers": {"X-CSRFToken": token},
    }


def _aim(case, world) -> None:
    """Half the cases naming a record (by their content, so a replay agrees) name a real
    one: the dossier (with its look-up key), the petition, a bản."""
    if "code" not in (case.path_parameters or {}):
        return
    digest = zlib.crc32(json.dumps([case.path_parameters, case.query], default=str).encode())
    if digest % 2:
        return
    path = case.operation.path
    if "/dossiers/" in path:
        case.path_parameters["code"] = world["dossier"].code
        if path.startswith("/api/v1/public/"):
            case.query = {**(case.query or {}), "key": world["dossier"].lookup_key}
    elif "/petitions/" in path:
        case.path_parameters["code"] = world["petition"].code
    elif "/org-units/" in path:
        case.path_parameters["code"] = "03763-B01"


@pytest.fixture
def failures(request):
    """With XASO_SCHEMATHESIS_ALL_FAILURES=1: every failing case, reported at the end."""
    found: list[str] = []
    yield found
    if found:
        pytest.fail(f"{len(found)} failing cases:\n\n" + "\n".join(found), pytrace=False)


@schema.parametrize()
@pytest.mark.parametrize("persona", PERSONAS)
@settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the database is reset per example instead
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_api(case, persona, world, persona_auth, failures):
    _aim(case, world)
    case.cookies = {**(case.cookies or {}), **persona_auth["cookies"]}
    case.headers = {**(case.headers or {}), **persona_auth["headers"]}
    savepoint = transaction.savepoint()
    try:
        case.call_and_validate(additional_checks=[business_rule_named])
    except BaseException as exc:  # a FailureGroup is a BaseExceptionGroup
        if not ALL_FAILURES or isinstance(exc, KeyboardInterrupt):
            raise
        failures.append(f"--- {persona} {case.operation.label}\n{exc}")
    finally:
        transaction.savepoint_rollback(savepoint)
