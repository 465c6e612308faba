"""The dossier's life: intake, every legal and illegal transition, deadlines, supplements
restarting the clock, the one-time reschedule, fees, results."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.onestop.conftest import pdf_upload
from xaso.core.models import AuditEntry
from xaso.onestop import services
from xaso.onestop.models import Dossier, Status

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


def intake(officer, center, procedure, applicant, when, **kw):
    return services.dossier_intake(
        actor=officer,
        org_unit=center,
        procedure=procedure,
        channel="direct",
        applicant=applicant,
        uploads=[services.Upload("Tờ khai", pdf_upload())],
        at=when,
        **kw,
    )


def test_a_desk_intake_is_received_with_a_code_and_a_due_moment(
    officer, center, procedures, applicant
):
    dossier = intake(officer, center, procedures["1.001193"], applicant, at(2026, 3, 9, 9, 0))
    assert dossier.code == "03763-260309-0001"
    assert dossier.status == Status.RECEIVED
    # Birth registration is done the same day when received before 15:00.
    assert dossier.due_at == at(2026, 3, 9, 17, 0)
    second = intake(officer, center, procedures["1.001193"], applicant, at(2026, 3, 9, 15, 30))
    assert second.code == "03763-260309-0002"
    assert second.due_at == at(2026, 3, 10, 17, 0)  # after the 15:00 cut-off: next day
    assert AuditEntry.objects.filter(action="dossier_intake").count() == 2


def test_deadlines_skip_weekends_and_holidays(officer, center, procedures, applicant):
    # Contract certification: 2 working days. Friday 24/04/2026 14:00 → Giỗ Tổ is
    # Sunday 26/04 (compensated Monday 27/04), 30/04 and 01/05 are holidays.
    dossier = intake(officer, center, procedures["CT-HDGD"], applicant, at(2026, 4, 24, 14, 0))
    assert dossier.due_at == at(2026, 4, 29, 17, 0)


def test_the_full_path_to_a_returned_result(officer, specialist, center, procedures, applicant):
    dossier = intake(
        officer, center, procedures["2.000635"], applicant, at(2026, 3, 9, 9, 0), copies=2
    )
    assert dossier.fee_amount == 16000
    services.dossier_pay(actor=officer, dossier=dossier, method="cash")
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="transfer", assignee=specialist
    )
    assert dossier.status == Status.PROCESSING and dossier.assigned_to == specialist
    dossier = services.dossier_transition(
        actor=specialist,
        dossier=dossier,
        action="complete",
        result=services.Upload("Bản sao trích lục", pdf_upload("ket-qua.pdf")),
    )
    assert dossier.status == Status.DONE
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="return_result", return_method="desk"
    )
    assert dossier.status == Status.RETURNED and dossier.returned_at is not None
    assert [e.action for e in dossier.events.all()] == [
        "intake",
        "pay",
        "transfer",
        "complete",
        "return_result",
    ]


def test_a_supplement_restarts_the_clock_when_complete(
    officer, specialist, center, procedures, applicant
):
    dossier = intake(
        officer, center, procedures["1.004873"], applicant, at(2026, 3, 9, 9, 0)
    )  # 3 working days → Thu 12/03 09:00
    assert dossier.due_at == at(2026, 3, 12, 17, 0)
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="transfer", assignee=specialist
    )
    dossier = services.dossier_transition(
        actor=specialist,
        dossier=dossier,
        action="request_supplement",
        note="Thiếu bản sao giấy tờ tùy thân",
        at=at(2026, 3, 10, 10, 0),
    )
    assert dossier.status == Status.SUPPLEMENT
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="complete_supplement", at=at(2026, 3, 16, 8, 0)
    )
    assert dossier.status == Status.PROCESSING
    assert dossier.due_at == at(2026, 3, 19, 17, 0)  # 3 working days from completion


@pytest.mark.parametrize(
    "action, status",
    [
        ("receive", Status.RECEIVED),
        ("refuse", Status.RECEIVED),
        ("complete", Status.RECEIVED),
        ("return_result", Status.RECEIVED),
        ("request_payment", Status.RECEIVED),
        ("complete_supplement", Status.RECEIVED),
        ("confirm_payment", Status.RECEIVED),
    ],
)
def test_illegal_transitions_are_refused_with_the_reason(
    action, status, officer, specialist, center, procedures, applicant, leader
):
    dossier = intake(officer, center, procedures["1.004873"], applicant, at(2026, 3, 9, 9, 0))
    actor = specialist if action in ("complete", "request_payment") else officer
    with pytest.raises(ValidationError) as err:
        services.dossier_transition(
            actor=actor, dossier=dossier, action=action, note="x", amount=1000, return_method="desk"
        )
    assert "Không thể" in str(err.value) and "Được tiếp nhận" in str(err.value)
    assert Dossier.objects.get(pk=dossier.pk).status == status


def test_each_transition_belongs_to_its_role(
    officer, specialist, center, procedures, applicant, make_user, longhe
):
    dossier = intake(officer, center, procedures["1.004873"], applicant, at(2026, 3, 9, 9, 0))
    with pytest.raises(PermissionDenied):  # a specialist does not transfer at the desk
        services.dossier_transition(
            actor=specialist, dossier=dossier, action="transfer", assignee=specialist
        )
    statistician = make_user("tk", "statistics", longhe)
    with pytest.raises(PermissionDenied):
        services.dossier_transition(
            actor=statistician, dossier=dossier, action="withdraw", note="x"
        )
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="transfer", assignee=specialist
    )
    with pytest.raises(PermissionDenied):  # the desk does not decide the result
        services.dossier_transition(actor=officer, dossier=dossier, action="complete")


def test_a_dossier_may_be_rescheduled_once_only(officer, center, procedures, applicant):
    dossier = intake(officer, center, procedures["1.004873"], applicant, at(2026, 3, 9, 9, 0))
    new_due = at(2026, 3, 16, 9, 0)
    dossier = services.dossier_reschedule(
        actor=officer, dossier=dossier, new_due=new_due, reason="Cần xác minh tại nơi cư trú trước"
    )
    assert dossier.due_at == new_due and dossier.rescheduled_from == at(2026, 3, 12, 17, 0)
    with pytest.raises(ValidationError, match="một lần"):
        services.dossier_reschedule(
            actor=officer, dossier=dossier, new_due=at(2026, 3, 20, 9, 0), reason="Lần hai"
        )
    assert Dossier.objects.get(pk=dossier.pk).due_at == new_due


def test_intake_refuses_bad_applicant_data_naming_the_field(officer, center, procedures, applicant):
    from dataclasses import replace

    with pytest.raises(ValidationError) as err:
        intake(
            officer,
            center,
            procedures["1.001193"],
            replace(applicant, id_number="0140950012"),
            at(2026, 3, 9, 9, 0),
        )
    assert "applicant_id_number" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        intake(
            officer,
            center,
            procedures["1.001193"],
            replace(applicant, birth_date=dt.date(1996, 1, 1)),
            at(2026, 3, 9, 9, 0),
        )
    assert "không khớp" in err.value.message_dict["applicant_id_number"][0]
    assert not Dossier.objects.exists()


def test_uploads_are_checked_by_content_and_size(officer, center, procedures, applicant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile(
        "to-khai.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError, match="không phải PDF"):
        services.dossier_intake(
            actor=officer,
            org_unit=center,
            procedure=procedures["1.001193"],
            channel="direct",
            applicant=applicant,
            uploads=[services.Upload("Tờ khai", fake)],
        )
    big = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="quá lớn"):
        services.dossier_intake(
            actor=officer,
            org_unit=center,
            procedure=procedures["1.001193"],
            channel="direct",
            applicant=applicant,
            uploads=[services.Upload("Tờ khai", big)],
        )
    assert not Dossier.objects.exists()
    odd = pdf_upload("../../etc/passwd hồ sơ.pdf")
    dossier = services.dossier_intake(
        actor=officer,
        org_unit=center,
        procedure=procedures["1.001193"],
        channel="direct",
        applicant=applicant,
        uploads=[services.Upload("Tờ khai", odd)],
    )
    document = dossier.documents.get()
    assert "/" not in document.original_name and ".." not in document.stored_name
    assert document.file.name.startswith(f"dossiers/{dossier.code}/")


def test_an_idempotency_key_never_makes_two_dossiers(officer, center, procedures, applicant):
    first = intake(
        officer,
        center,
        procedures["1.001193"],
        applicant,
        at(2026, 3, 9, 9, 0),
        idempotency_key="desk-1-abc",
    )
    again = intake(
        officer,
        center,
        procedures["1.001193"],
        applicant,
        at(2026, 3, 9, 9, 1),
        idempotency_key="desk-1-abc",
    )
    assert again.pk == first.pk and Dossier.objects.count() == 1


def test_fees_apply_exemptions_and_the_certification_scale(officer, center, procedures, applicant):
    copies = intake(
        officer, center, procedures["2.000815"], applicant, at(2026, 3, 9, 9, 0), pages=5, copies=2
    )
    assert copies.fee_amount == 2 * (2 * 2000 + 3 * 1000)
    exempt = intake(
        officer,
        center,
        procedures["2.000635"],
        applicant,
        at(2026, 3, 9, 9, 0),
        exemption="poor_household",
    )
    assert exempt.fee_amount == 0


def test_two_communes_without_an_administrative_code_never_share_dossier_codes(
    officer, center, procedures, applicant, other_commune, make_user
):
    from xaso.core import services as core_services
    from xaso.core.models import OrgUnit

    other_center = core_services.org_unit_create(
        actor=None,
        parent=other_commune,
        code="09999-TTPVHCC",
        name="Trung tâm khác",
        kind=OrgUnit.Kind.SERVICE_CENTER,
    )
    other_officer = make_user("motcua_khac", "onestop_officer", other_center)
    when = at(2026, 3, 9, 9, 0)
    mine = intake(officer, center, procedures["1.001193"], applicant, when)
    # A bản of Long Hẹ is not one of the other commune's: its applicant names none.
    elsewhere = dataclasses.replace(applicant, village=None)
    theirs = intake(other_officer, other_center, procedures["1.001193"], elsewhere, when)
    assert mine.code == "03763-260309-0001"
    assert theirs.code == "09999-260309-0001"


def test_a_specialist_of_another_field_cannot_be_given_the_dossier(
    officer, center, procedures, applicant, make_user, longhe
):
    land = make_user("diachinh", "specialist", longhe, field="land")
    dossier = intake(officer, center, procedures["1.004873"], applicant, at(2026, 3, 9, 9, 0))
    with pytest.raises(ValidationError, match="không phụ trách lĩnh vực Hộ tịch"):
        services.dossier_transition(
            actor=officer, dossier=dossier, action="transfer", assignee=land
        )
    assert Dossier.objects.get(pk=dossier.pk).status == Status.RECEIVED
