"""Many desks receiving at the same moment never get the same dossier code — checked with
real concurrent transactions on both databases."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import close_old_connections, transaction

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
            close_old_connections()

    threads = [threading.Thread(target=desk) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(codes) == 40 and len(set(codes)) == 40
    assert sorted(codes) == [f"03763-260309-{n:04d}" for n in range(1, 41)]
