"""The audit log's hash chain: every entry chained to the one before it in its commune's
chain, and ``xaso audit verify`` finding an entry changed, removed or slipped in — even
by someone who dropped the append-only triggers."""

from __future__ import annotations

import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import close_old_connections, connection, transaction

from tests.conftest import _audit_triggers
from xaso.core import audit, audit_chain
from xaso.core.models import AuditChain, AuditEntry, OrgUnit


def _write(n: int, unit: OrgUnit) -> list[AuditEntry]:
    return [
        audit.record(actor=None, action="update", obj=unit, changes={"note": [str(i), "x"]})
        for i in range(n)
    ]


def _problems(key: str) -> list[str]:
    return next(r for r in audit.verify() if r.key == key).problems


@pytest.mark.django_db
def test_it_chains_each_communes_entries_and_verifies_them(longhe, other_commune):
    village = OrgUnit.objects.get(code="03763-B01")
    entries = _write(3, village) + _write(2, other_commune)
    first = entries[0].seq  # loading Long Hẹ wrote its own entries before these
    assert [e.seq for e in entries[:3]] == [first, first + 1, first + 2]
    assert [e.seq for e in entries[3:]] == [entries[3].seq, entries[3].seq + 1]
    assert entries[0].chain == "03763" and entries[3].chain == "09999"
    assert entries[1].prev_hash == entries[0].hash
    reports = {r.key: r for r in audit.verify()}
    assert all(not r.problems for r in reports.values())
    assert reports["03763"].head_hash == AuditChain.objects.get(key="03763").last_hash
    stored = AuditEntry.objects.get(pk=entries[1].pk)  # as read back from the database
    assert audit_chain.entry_hash(stored.prev_hash, audit._values(stored)) == stored.hash


@pytest.mark.django_db
def test_it_finds_an_entry_rewritten_behind_the_triggers_back(longhe):
    entries = _write(4, longhe)
    _audit_triggers(create=False)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET object_repr = %s WHERE id = %s",
            ["Ai đó đã sửa", entries[1].pk],
        )
    problems = _problems("03763")
    assert any(f"#{entries[1].seq} " in p and "bị sửa" in p for p in problems)
    with pytest.raises(CommandError):
        call_command("audit", "verify", stdout=io.StringIO())


@pytest.mark.django_db
def test_it_finds_an_entry_removed_or_slipped_in(longhe):
    entries = _write(4, longhe)
    _audit_triggers(create=False)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[2].pk])
    assert any("thiếu hoặc thừa" in p for p in _problems("03763"))
    forged = AuditEntry(
        action="login",
        object_type="core.user",
        source="web",
        chain="03763",
        seq=entries[-1].seq + 1,
        prev_hash=entries[-1].hash,
        hash="f" * 64,
    )
    forged.save()  # a back-dated row written around the application
    assert any("bị sửa" in p for p in _problems("03763"))
    assert any("đầu chuỗi" in p for p in _problems("03763"))


@pytest.mark.django_db
def test_the_command_prints_each_chain_and_its_head(longhe):
    _write(2, longhe)
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    head = AuditChain.objects.get(key="03763")
    line = f"03763: {head.last_seq} mục, nguyên vẹn, mục cuối {head.last_hash}"
    assert line in out.getvalue().splitlines()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_of_one_commune_keep_one_unbroken_chain(longhe):
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def writer():
        try:
            start.wait()
            for _ in range(5):
                with transaction.atomic():
                    _write(1, longhe)
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=writer) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = sorted(AuditEntry.objects.filter(chain="03763").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) >= 30
    assert _problems("03763") == []
