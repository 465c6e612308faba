"""Many desks receiving at the same moment never get the same dossier code — checked with
real concurrent transactions on both databases."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from xaso.onestop.models import Dossier
from xaso.onestop.services import next_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_code_generation_gives_unique_consecutive_codes(center):
    day = dt.date(2026, 3, 9)
    codes: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def desk():
        try:
            start.wait()
            for _ in range(5):
                with transaction.atomic():
                    codes.append(next_code(center, day))
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=desk) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(codes) == 40 and len(set(codes)) == 40
    assert sorted(codes) == [f"03763-260309-{n:04d}" for n in range(1, 41)]


def test_concurrent_api_intakes_at_the_center_and_the_commune_never_collide(
    center, longhe, officer, make_user, procedures
):
    """8 desks post to the API at once — the center's own officers and an officer of the
    whole commune — while others try the commune itself: every dossier at the center gets
    the next code, the commune answers 422 naming ``org_unit``; never a 500."""
    commune_desk = make_user("motcua_xa", "onestop_officer", longhe)
    posts = [(officer if n % 2 else commune_desk, center.code) for n in range(8)]
    posts += [(commune_desk, longhe.code) for _ in range(4)]
    clients = []
    for user, _unit in posts:
        client = Client()
        client.force_login(user)
        clients.append(client)
    answers: list[tuple[str, int, dict]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(posts))

    def desk(client: Client, unit: str, n: int):
        try:
            start.wait()
            response = client.post(
                "/api/v1/dossiers",
                data=json.dumps(
                    {
                        "org_unit": unit,
                        "procedure": "1.001193",
                        "applicant": {
                            "name": f"Cầm Văn Bình {n}",
                            "id_number": "014090001111",
                            "birth_date": "1990-05-01",
                            "address": "Bản Ta Khom",
                        },
                        "idempotency_key": f"desk-{n}",
                    }
                ),
                content_type="application/json",
            )
            answers.append((unit, response.status_code, response.json()))
        except BaseException as exc:  # a 500 raises here: reported below
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection

    threads = [
        threading.Thread(target=desk, args=(client, unit, n))
        for n, (client, (_user, unit)) in enumerate(zip(clients, posts, strict=True))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    at_center = [(status, body) for unit, status, body in answers if unit == center.code]
    at_commune = [(status, body) for unit, status, body in answers if unit == longhe.code]
    assert [status for status, _body in at_center] == [201] * 8
    day = timezone.localdate()
    assert sorted(body["code"] for _status, body in at_center) == [
        f"03763-{day:%y%m%d}-{n:04d}" for n in range(1, 9)
    ]
    assert len(at_commune) == 4
    for status, body in at_commune:
        assert status == 422 and [d["field"] for d in body["detail"]] == ["org_unit"]
    assert Dossier.objects.count() == 8
