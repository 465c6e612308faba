"""Receiving, the step transitions, reclassification, extensions, duplicates."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xaso.core.models import AuditEntry
from xaso.core.workcal import TZ
from xaso.petitions import selectors, services
from xaso.petitions.models import PetitionEvent, Status

from .conftest import MONDAY, pdf_upload


def closing(moment: dt.datetime) -> dt.datetime:
    """A limit ends when the office closes on its last day (Civil Code 2015 Art. 148)."""
    return moment.replace(hour=17, minute=0)


def test_receive_gives_a_code_a_clock_and_an_audit_entry(receive, longhe):
    p = receive()
    q = receive(summary="Việc khác")
    assert p.code.endswith("-DT-260302-0001") and q.code.endswith("-0002")
    assert p.status == Status.RECEIVED
    assert p.remote_area  # Long Hẹ: especially difficult area
    assert p.due_at == dt.datetime(2026, 3, 12, 17, 0, tzinfo=TZ)  # complaint: 10 days
    entry = AuditEntry.objects.get(action="petition_receive", object_id=str(p.pk))
    assert "Lò Văn Tố" not in str(entry.changes)
    assert "014095001234" not in str(entry.changes)


def test_the_remote_area_limits_follow_the_communes_flag(receive, reception, longhe):
    from xaso.core import services as core_services

    core_services.org_unit_update(actor=None, unit=longhe, remote_area=False)
    p = services.petition_transition(
        actor=reception, petition=receive(), action="accept", at=MONDAY
    )
    assert not p.remote_area
    assert p.due_at == closing(MONDAY + dt.timedelta(days=30))  # Law 02/2011 Art. 28: 30 days
    with pytest.raises(ValidationError) as refused:  # a flag needs its legal basis
        core_services.org_unit_update(
            actor=None, unit=longhe, remote_area=True, remote_area_basis=" "
        )
    assert "remote_area_basis" in refused.value.message_dict


def test_attachments_are_checked(receive):
    p = receive(attachments=[pdf_upload()])
    assert p.attachments.count() == 1
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        receive(summary="Khác", attachments=[bad])


def test_attachments_are_stored_under_a_random_name(receive, reception):
    p = receive(attachments=[pdf_upload("../../don khieu nai Lò Văn Tố.pdf")])
    attachment = p.attachments.get()
    stored = attachment.file.name.rsplit("/", 1)[-1]
    assert "Tố" not in attachment.file.name and ".." not in attachment.file.name
    assert stored.endswith(".pdf") and len(stored) == len("0123456789abcdef.pdf")
    assert attachment.name == "don_khieu_nai_Lò_Văn_Tố.pdf"  # shown, never a path
    assert attachment.content_type == "application/pdf"
    later = services.petition_add_attachment(
        actor=reception, petition=p, upload=pdf_upload("bien-ban.pdf")
    )
    assert later.file.name.rsplit("/", 1)[-1] != "bien-ban.pdf" and later.name == "bien-ban.pdf"


def test_a_bad_attachment_is_named_with_the_other_mistakes(receive):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as err:
        receive(summary=" ", attachments=[bad])
    assert set(err.value.message_dict) == {"summary", "attachment"}
    assert "không phải PDF" in err.value.message_dict["attachment"][0]


def test_full_path_of_a_complaint(receive, reception, chairman):
    p = receive()
    p = services.petition_transition(actor=reception, petition=p, action="accept", at=MONDAY)
    # Long Hẹ is remote: 45 days from acceptance.
    assert p.due_at == closing(MONDAY + dt.timedelta(days=45))
    p = services.petition_transition(actor=reception, petition=p, action="verify")
    with pytest.raises(PermissionDenied):  # concluding is the leader's
        services.petition_transition(actor=reception, petition=p, action="conclude", answer="x")
    with pytest.raises(ValidationError):  # the answer is required
        services.petition_transition(actor=chairman, petition=p, action="conclude")
    p = services.petition_transition(
        actor=chairman, petition=p, action="conclude", answer="Giữ nguyên hiện trạng."
    )
    p = services.petition_transition(actor=reception, petition=p, action="notify")
    p = services.petition_transition(actor=reception, petition=p, action="close")
    assert p.status == Status.CLOSED and p.due_at is None
    assert list(p.events.values_list("action", flat=True)) == [
        "receive",
        "accept",
        "verify",
        "conclude",
        "notify",
        "close",
    ]
    assert AuditEntry.objects.filter(object_id=str(p.pk), action="petition_close").exists()


def test_illegal_transitions_are_refused(receive, reception, outsider, officer):
    p = receive()
    for action in ("verify", "notify", "close"):
        with pytest.raises(ValidationError):
            services.petition_transition(actor=reception, petition=p, action=action)
    with pytest.raises(ValidationError):
        services.petition_transition(actor=reception, petition=p, action="fly")
    for other in (outsider, officer):
        with pytest.raises(PermissionDenied):
            services.petition_transition(actor=other, petition=p, action="accept")
    p.refresh_from_db()
    assert p.status == Status.RECEIVED


def test_refuse_and_forward_need_reasons_and_forward_notifies(receive, reception):
    p = receive()
    with pytest.raises(ValidationError):
        services.petition_transition(actor=reception, petition=p, action="refuse")
    with pytest.raises(ValidationError):
        services.petition_transition(actor=reception, petition=p, action="forward", reason="x")
    p = services.petition_transition(
        actor=reception,
        petition=p,
        action="forward",
        reason="Không thuộc thẩm quyền của xã",
        forwarded_to="Thanh tra tỉnh Sơn La",
    )
    assert p.status == Status.FORWARDED
    event = p.events.get(action="forward")
    assert event.data["notice_to_sender"] is True and event.reason
    p = services.petition_transition(actor=reception, petition=p, action="close")
    assert p.status == Status.CLOSED


def test_reclassify_with_reason(receive, reception):
    p = receive(kind="feedback")
    with pytest.raises(ValidationError):
        services.petition_reclassify(actor=reception, petition=p, kind="complaint", reason=" ")
    p = services.petition_reclassify(
        actor=reception, petition=p, kind="complaint", reason="Nội dung là khiếu nại quyết định"
    )
    assert p.kind == "complaint"
    event = PetitionEvent.objects.get(petition=p, action="reclassify")
    assert event.data == {"old": "feedback", "new": "complaint"} and event.reason
    assert AuditEntry.objects.filter(action="petition_reclassify", object_id=str(p.pk)).exists()
    assert p.due_at == dt.datetime(2026, 3, 12, 17, 0, tzinfo=TZ)


def test_extensions_only_where_the_law_allows(receive, reception, chairman):
    p = receive(kind="denunciation", assigned_to=reception)
    p = services.petition_transition(actor=reception, petition=p, action="accept", at=MONDAY)
    assert p.due_at == closing(MONDAY + dt.timedelta(days=30))
    with pytest.raises(PermissionDenied):
        services.petition_extend(actor=reception, petition=p, reason="Phức tạp")
    with pytest.raises(ValidationError):
        services.petition_extend(actor=chairman, petition=p, reason="")
    p = services.petition_extend(
        actor=chairman, petition=p, reason="Đặc biệt phức tạp", especially_complex=True
    )
    p = services.petition_extend(actor=chairman, petition=p, reason="Cần giám định")
    assert p.extensions == 2
    with pytest.raises(ValidationError):
        services.petition_extend(actor=chairman, petition=p, reason="Lần ba")
    p.refresh_from_db()
    assert p.extensions == 2
    assert AuditEntry.objects.filter(action="petition_extend", object_id=str(p.pk)).count() == 2

    c = receive(summary="Khiếu nại khác")
    c = services.petition_transition(actor=reception, petition=c, action="accept", at=MONDAY)
    with pytest.raises(ValidationError):  # complaints: longer limit, never an extension
        services.petition_extend(actor=chairman, petition=c, reason="Phức tạp")


def test_duplicates_are_linked_and_not_counted_twice(receive, reception, longhe):
    first = receive(summary="Đường vào bản bị sạt lở")
    again = receive(summary="ĐƯỜNG VÀO BẢN BỊ SẠT LỞ", received_at=MONDAY + dt.timedelta(days=20))
    third = receive(summary="Duong vao ban bi sat lo", received_at=MONDAY + dt.timedelta(days=40))
    other_person = receive(summary="Đường vào bản bị sạt lở", id_number="014095009999")
    later = receive(summary="Đường vào bản bị sạt lở", received_at=MONDAY + dt.timedelta(days=800))
    assert again.duplicate_of == first and third.duplicate_of == first
    assert other_person.duplicate_of is None and later.duplicate_of is None
    stats = selectors.statistics(reception)
    assert stats["total"] == 3


def test_online_submission_only_for_recommendations_and_feedback(receive):
    p = receive(kind="recommendation", actor=None, channel="online", public=True)
    assert p.assigned_to is None and p.public
    with pytest.raises(PermissionDenied):
        receive(kind="denunciation", actor=None, channel="online")


def test_due_soon_and_late_lists(receive, reception, chairman, outsider):
    p = receive()
    now = dt.datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
    assert list(selectors.due_soon(reception, now)) == [p]
    late_now = dt.datetime(2026, 3, 13, 9, 0, tzinfo=TZ)
    assert list(selectors.late(chairman, late_now)) == [p]
    assert list(selectors.late(outsider, late_now)) == []


def test_a_unit_receives_only_while_it_exists_and_its_successor_holds_its_history(
    receive, reception, chairman
):
    """A petition recorded after the fact keeps the day it was received, at the commune
    that existed that day: Long Hẹ (03763) from 01/7/2025, the merged communes until
    30/6/2025 — whose records Long Hẹ's officials then hold (core.access)."""
    from xaso.core.models import OrgUnit

    old = OrgUnit.objects.get(code="ETONG-CU")
    before = dt.datetime(2024, 3, 12, 9, 0, tzinfo=TZ)
    with pytest.raises(ValidationError) as refused:
        receive(received_at=before)  # at 03763, before it existed
    assert "org_unit" in refused.value.message_dict
    assert "12/03/2024" in refused.value.message_dict["org_unit"][0]
    with pytest.raises(ValidationError) as closed:
        receive(org_unit=old, village=None, received_at=MONDAY)  # 2026: É Tòng is closed
    assert "org_unit" in closed.value.message_dict
    p = receive(org_unit=old, village=None, kind="recommendation", received_at=before)
    assert p.org_unit == old and p.code.startswith("ETONG-CU-DT-240312-")
    assert p.remote_area  # the old commune's own flag
    # 03763's officials handle it to the end, after the merger too.
    p = services.petition_transition(
        actor=reception, petition=p, action="accept", at=before + dt.timedelta(days=2)
    )
    p = services.petition_transition(
        actor=chairman, petition=p, action="conclude", answer="Đã trả lời.", at=MONDAY
    )
    assert p.status == Status.CONCLUDED
    assert p in selectors.visible_petitions(reception)
