"""The workflow engine itself (``core.workflow``), on a small table of its own over the
petition model: what it refuses and in which order, that a refusal writes nothing, that a
step writes exactly one history row and one audit entry, and that of two officers taking
the same step at the same moment only one moves the record."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from xaso.core.models import AuditEntry
from xaso.core.workflow import Step, Transition, Workflow
from xaso.petitions import permissions as perms
from xaso.petitions.models import Petition, PetitionEvent, Status

applied: list[str] = []  # which apply functions ran, to show a refusal runs none


def _open(step: Step) -> None:
    applied.append(step.action)
    step.obj.accepted_at = step.now
    step.data["note"] = step.text("reason")


def _slow_open(step: Step) -> None:
    _open(step)
    time.sleep(0.3)  # hold the row so the other officer's step must wait for it


def _half_then_refuse(step: Step) -> None:
    applied.append(step.action)
    step.obj.answer = "half-written"
    raise ValidationError({"answer": "refused after a change"})


def _record(step: Step, from_status) -> None:
    PetitionEvent.objects.create(
        petition=step.obj,
        at=step.now,
        action=step.action,
        from_status=from_status,
        to_status=step.obj.status,
        actor=step.actor,
        data=step.data,
    )


def _workflow(apply=_open, **options) -> Workflow:
    return Workflow(
        model=Petition,
        transitions=[
            Transition(
                "open",
                (Status.RECEIVED,),
                Status.ACCEPTED,
                (perms.RECEIVE,),
                "mở",
                required={"reason": "Hãy nêu lý do."},
                apply=apply,
            ),
            Transition(
                "refuse_late",
                (Status.RECEIVED,),
                Status.REFUSED,
                (perms.RECEIVE,),
                "từ chối",
                apply=_half_then_refuse,
            ),
            Transition("close", (Status.ACCEPTED,), Status.CLOSED, (perms.DECIDE,), "đóng"),
        ],
        record_step=_record,
        audit_prefix="case",
        audit_fields=("status", "answer"),
        **options,
    )


@pytest.fixture(autouse=True)
def _fresh_log():
    applied.clear()


@pytest.fixture
def reception(longhe, make_user):
    return make_user("tiepdan_lh", "reception", longhe)


@pytest.fixture
def petition(longhe):
    return Petition.objects.create(
        code="03763-DT-260302-0001",
        org_unit=longhe,
        kind="complaint",
        channel="reception",
        received_at=timezone.now(),
        summary="Tranh chấp đất nương",
        petitioner_name="Lò Văn Tố",
    )


def _nothing_written(petition: Petition) -> None:
    petition.refresh_from_db()
    assert petition.status == Status.RECEIVED and petition.answer == ""
    assert not PetitionEvent.objects.filter(petition=petition).exists()
    assert not AuditEntry.objects.filter(action__startswith="case_").exists()


@pytest.mark.django_db
def test_it_refuses_an_unknown_action_on_the_action_field(reception, petition):
    with pytest.raises(ValidationError) as err:
        _workflow().run(actor=reception, obj=petition, action="fly", reason="x")
    assert list(err.value.message_dict) == ["action"]
    _nothing_written(petition)


@pytest.mark.django_db
def test_it_refuses_a_role_before_reading_inputs_or_writing(petition, make_user, longhe):
    statistician = make_user("thongke_lh", "statistics", longhe)
    with pytest.raises(PermissionDenied):
        _workflow().run(actor=statistician, obj=petition, action="open")  # no reason either
    assert applied == []
    _nothing_written(petition)


@pytest.mark.django_db
def test_a_module_may_refuse_with_its_own_reason(reception, petition):
    def authorize(user, obj, permission):
        raise PermissionDenied("Chỉ cán bộ được giao.")

    workflow = _workflow(authorize=authorize)
    with pytest.raises(PermissionDenied, match="Chỉ cán bộ được giao"):
        workflow.run(actor=reception, obj=petition, action="open", reason="x")
    assert workflow.allowed(reception, petition) == []
    _nothing_written(petition)


@pytest.mark.django_db
def test_a_missing_input_is_named(reception, petition):
    with pytest.raises(ValidationError) as err:
        _workflow().run(actor=reception, obj=petition, action="open", reason="  ")
    assert err.value.message_dict == {"reason": ["Hãy nêu lý do."]}
    assert applied == []
    _nothing_written(petition)


@pytest.mark.django_db
def test_a_step_the_status_does_not_allow_is_refused_on_action(reception, petition, make_user):
    leader = make_user("chutich_lh", "leader", petition.org_unit)
    with pytest.raises(ValidationError) as err:
        _workflow().run(actor=leader, obj=petition, action="close")
    assert list(err.value.message_dict) == ["action"]
    assert err.value.message_dict["action"] == [
        "Không thể “đóng” khi đang ở trạng thái “Đã tiếp nhận”."
    ]
    _nothing_written(petition)


@pytest.mark.django_db
def test_a_refusal_inside_apply_leaves_nothing_half_saved(reception, petition):
    with pytest.raises(ValidationError, match="refused after a change"):
        _workflow().run(actor=reception, obj=petition, action="refuse_late")
    assert applied == ["refuse_late"]
    _nothing_written(petition)


@pytest.mark.django_db
def test_it_writes_one_history_row_and_one_audit_entry_per_step(reception, petition):
    when = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    moved = _workflow().run(
        actor=reception, obj=petition, action="open", at=when, reason=" Đủ điều kiện "
    )
    assert moved.status == Status.ACCEPTED and moved.accepted_at == when
    petition.refresh_from_db()
    assert petition.status == Status.ACCEPTED
    event = PetitionEvent.objects.get(petition=petition)
    assert (event.action, event.from_status, event.to_status) == (
        "open",
        Status.RECEIVED,
        Status.ACCEPTED,
    )
    assert event.at == when and event.actor == reception and event.data == {"note": "Đủ điều kiện"}
    entry = AuditEntry.objects.get(action="case_open")
    assert entry.actor == reception and entry.object_id == str(petition.pk)
    assert entry.org_unit == petition.org_unit
    assert entry.changes["status"] == [Status.RECEIVED, Status.ACCEPTED]
    assert entry.changes["reason"] == [None, "Đủ điều kiện"]


@pytest.mark.django_db
def test_allowed_lists_the_steps_of_the_status_and_the_role(reception, petition, make_user):
    leader = make_user("chutich_lh", "leader", petition.org_unit)
    workflow = _workflow()
    assert workflow.allowed(reception, petition) == ["open", "refuse_late"]
    workflow.run(actor=reception, obj=petition, action="open", reason="x")
    petition.refresh_from_db()
    assert workflow.allowed(reception, petition) == []
    assert workflow.allowed(leader, petition) == ["close"]
    assert workflow.labels() == {"open": "mở", "refuse_late": "từ chối", "close": "đóng"}


@pytest.mark.django_db(transaction=True)
def test_of_two_officers_taking_the_same_step_at_once_only_one_moves_it(
    reception, petition, make_user
):
    other = make_user("tiepdan2_lh", "reception", petition.org_unit)
    workflow = _workflow(apply=_slow_open)
    start = threading.Barrier(2)
    won: list[str] = []
    refused: list[ValidationError] = []
    errors: list[BaseException] = []

    def officer(user):
        try:
            start.wait()
            workflow.run(actor=user, obj=petition, action="open", reason=user.username)
            won.append(user.username)
        except ValidationError as exc:
            refused.append(exc)
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=officer, args=(u,)) for u in (reception, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(won) == 1 and len(refused) == 1
    # The second one waited for the lock and then saw the status the first one left.
    assert list(refused[0].message_dict) == ["action"]
    assert PetitionEvent.objects.filter(petition=petition).count() == 1
    assert AuditEntry.objects.filter(action="case_open").count() == 1
    assert PetitionEvent.objects.get(petition=petition).data == {"note": won[0]}
