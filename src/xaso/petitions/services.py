"""Every write of the petitions module: receive (with duplicate linking), assign,
reclassify, the step transitions (the table is ``petitions.workflow``, run by
``core.workflow``), extensions, attachments. One transaction each, permission-checked and
audited. The petitioner's identity never enters the audit log (``PETITION_FIELDS`` leaves
it out): the log is readable by leaders and administrators, and a denouncer's identity is
confidential (Law 25/2018/QH14)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core import access, audit, checks, codes, uploads
from xaso.core.models import OrgUnit, User
from xaso.core.workflow import recalculate_due
from xaso.petitions import clocks
from xaso.petitions import permissions as perms
from xaso.petitions.models import Kind, Petition, PetitionAttachment, PetitionCounter
from xaso.petitions.selectors import OPEN_STATUSES, RECLASSIFIABLE, compute_due, current_step
from xaso.petitions.workflow import PETITION_FIELDS, WORKFLOW, record_event, require_handler

#: A petition by the same person (ID number) on the same matter (summary's search key)
#: within this many days of an earlier one is linked to it and not counted twice.
DUPLICATE_WINDOW_DAYS = 365


def is_remote(org_unit: OrgUnit) -> bool:
    """The commune's flag, set by the administrator with its legal basis (``OrgUnit.
    remote_area``): the longer complaint limits of Law 02/2011/QH13 Art. 28 apply."""
    return org_unit.in_remote_area()


def next_code(org_unit: OrgUnit, day: dt.date) -> str:
    """``<unit>-DT-YYMMDD-XXXX``, per unit and day, unique under concurrency; must run
    inside the caller's transaction (see ``core.codes``)."""
    return codes.next_daily_code(PetitionCounter, org_unit=org_unit, day=day, kind="DT")


def _check_people(org_unit: OrgUnit, assigned_to: User | None, decider: User | None) -> dict:
    """The officer must be able to handle petitions of the unit, the decider to decide."""
    errors = {}
    if assigned_to is not None and not access.allowed(assigned_to, perms.RECEIVE, org_unit):
        errors["assigned_to"] = _("Người được giao không phải cán bộ tiếp công dân của đơn vị.")
    if decider is not None and not access.allowed(decider, perms.DECIDE, org_unit):
        errors["decider"] = _("Người giải quyết phải là lãnh đạo có thẩm quyền của đơn vị.")
    return errors


# --- receive ------------------------------------------------------------------------------


@dataclass
class Petitioner:
    name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""


def find_duplicate(
    *, org_unit: OrgUnit, kind: str, id_number: str, summary: str, at: dt.datetime
) -> Petition | None:
    """The earliest petition by the same person on the same matter within the window.

    A denunciation is never linked, either way: the link — and the statistics that skip a
    linked duplicate — would depend on the denouncer's identity, which most users may not
    know (Law 25/2018/QH14 Art. 47). Its handlers compare repeated denunciations
    themselves."""
    from xaso.core.vietnamese import search_key

    if not id_number.strip() or kind == Kind.DENUNCIATION:
        return None
    key = search_key(summary)[:300]
    earlier = (
        Petition.objects.filter(
            org_unit=org_unit,
            confidential=False,
            petitioner_id_number=id_number.strip(),
            summary_key=key,
            received_at__gte=at - dt.timedelta(days=DUPLICATE_WINDOW_DAYS),
            received_at__lte=at,
        )
        .order_by("received_at", "pk")
        .first()
    )
    if earlier is not None and earlier.duplicate_of_id:
        return earlier.duplicate_of
    return earlier


def petition_receive(
    *,
    actor: User | None,
    org_unit: OrgUnit,
    kind: str,
    channel: str,
    summary: str,
    petitioner: Petitioner,
    content: str = "",
    field: str = "",
    village: OrgUnit | None = None,
    persons_involved: str = "",
    assigned_to: User | None = None,
    decider: User | None = None,
    public: bool = False,
    received_at: dt.datetime | None = None,
    attachments: list[UploadedFile] = (),
    is_demo: bool = False,
) -> Petition:
    """Record a petition received at reception, by post, online (``actor`` None, only
    kiến nghị/phản ánh) or forwarded; link it to an earlier one on the same matter.

    ``received_at`` may be in the past (a petition recorded after the fact), but the unit
    must have existed that day: a commune merged away (``valid_to``) received its
    petitions until it closed, its successor from the day it began (``valid_from``) —
    the predecessor's records stay its own, and whoever holds the successor holds them
    (``core.access``)."""
    if actor is not None:
        access.require(actor, perms.RECEIVE, org_unit)
    elif channel != "online" or kind not in (Kind.RECOMMENDATION, Kind.FEEDBACK):
        raise access.PermissionDenied(_("Chỉ kiến nghị, phản ánh được gửi trực tuyến."))
    errors: dict[str, str] = {}
    if kind not in Kind.values:
        errors["kind"] = _("Hãy chọn loại đơn.")
    if not summary.strip():
        errors["summary"] = _("Hãy nhập tóm tắt nội dung.")
    if not petitioner.name.strip():
        errors["petitioner_name"] = _("Hãy nhập họ và tên người gửi.")
    if village is not None and village.kind != OrgUnit.Kind.VILLAGE:
        errors["village"] = _("Hãy chọn một bản.")
    errors.update(_check_people(org_unit, assigned_to, decider))
    now = received_at or timezone.now()
    day = timezone.localdate(now)
    if not org_unit.is_active_on(day):
        errors["org_unit"] = _("%(unit)s không hoạt động vào ngày %(day)s.") % {
            "unit": org_unit.display_name,
            "day": f"{day:%d/%m/%Y}",
        }
    lengths = {"summary": (summary, 300), "content": (content, 20_000), "field": (field, 60)}
    lengths |= {"persons_involved": (persons_involved, 5_000)}
    lengths |= {"petitioner_name": (petitioner.name, 150)}
    lengths |= {"petitioner_address": (petitioner.address, 300)}
    many: dict[str, list[str]] = {}
    for name, (value, limit) in lengths.items():
        checks.text(many, name, value, max_length=limit)
    checks.phone(many, "petitioner_phone", petitioner.phone)
    checks.text(many, "petitioner_phone", petitioner.phone, max_length=20)
    checks.id_number_form(many, "petitioner_id_number", petitioner.id_number.strip())
    errors.update({name: " ".join(messages) for name, messages in many.items()})
    try:
        checked = uploads.check_all(attachments, field="attachment")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        petition = Petition(
            code=next_code(org_unit, timezone.localdate(now)),
            org_unit=org_unit,
            kind=kind,
            channel=channel,
            received_at=now,
            field=field,
            village=village,
            summary=summary.strip(),
            content=content,
            petitioner_name=petitioner.name.strip(),
            petitioner_id_number=petitioner.id_number.strip(),
            petitioner_address=petitioner.address.strip(),
            petitioner_phone=checks.normal_phone(petitioner.phone),
            persons_involved=persons_involved,
            assigned_to=assigned_to or actor,
            decider=decider,
            public=public or actor is None,
            remote_area=is_remote(org_unit),
            duplicate_of=find_duplicate(
                org_unit=org_unit,
                kind=kind,
                id_number=petitioner.id_number,
                summary=summary,
                at=now,
            ),
            is_demo=is_demo,
        )
        petition.due_at = compute_due(petition)
        petition.save()
        for upload in checked:
            _attach(petition, upload)
        record_event(petition, actor, "receive", "", at=now, duplicate_of=petition.duplicate_of_id)
        audit.record(
            actor=actor,
            action="petition_receive",
            obj=petition,
            after=audit.snapshot(petition, PETITION_FIELDS),
        )
    return petition


def _attach(petition: Petition, upload: uploads.CheckedUpload) -> PetitionAttachment:
    """Keep a checked file under a random name (``core.uploads``): the name the citizen
    gave it is shown, never used as a path."""
    attachment = PetitionAttachment(
        petition=petition, name=upload.original_name[:150], content_type=upload.content_type
    )
    uploads.store(attachment.file, upload)
    attachment.save()
    return attachment


def petition_add_attachment(*, actor: User, petition: Petition, upload: UploadedFile):
    require_handler(actor, petition, perms.RECEIVE)
    checked = uploads.check(upload, field="attachment")
    with transaction.atomic():
        attachment = _attach(petition, checked)
        audit.record(
            actor=actor,
            action="petition_attach",
            obj=petition,
            changes={"attachment": attachment.name},
        )
    return attachment


def petition_assign(
    *, actor: User, petition: Petition, assigned_to: User | None, decider: User | None
) -> Petition:
    """Assign the officer and the decider. Once a denunciation has a decider, only that
    decider may reassign it (another leader cannot give himself sight of the denouncer)."""
    if petition.decider_id:
        require_handler(actor, petition, perms.DECIDE)
    else:
        access.require(actor, perms.DECIDE, petition)
    errors = _check_people(petition.org_unit, assigned_to, decider)
    if petition.confidential and assigned_to is None:
        # Someone must hold the file of a denunciation, and only they and the decider.
        errors["assigned_to"] = _("Hãy giao đơn tố cáo cho một cán bộ tiếp công dân.")
    if petition.status not in OPEN_STATUSES:
        errors["assigned_to"] = _("Đơn đã kết thúc, không phân công lại được.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition.pk)
        before = audit.snapshot(petition, PETITION_FIELDS)
        petition.assigned_to = assigned_to
        petition.decider = decider
        petition.save(update_fields=["assigned_to", "decider"])
        record_event(petition, actor, "assign", petition.status)
        audit.record(
            actor=actor,
            action="petition_assign",
            obj=petition,
            before=before,
            after=audit.snapshot(petition, PETITION_FIELDS),
        )
    return petition


# --- reclassify ------------------------------------------------------------------------------


def _unlink_duplicates(petition: Petition) -> int:
    """Cut every duplicate link to and from ``petition``; the petitions that pointed at
    it point at the earliest of them instead (still the same open matter)."""
    unlinked = 0
    if petition.duplicate_of_id:
        petition.duplicate_of = None
        unlinked += 1
    linked = list(Petition.objects.filter(duplicate_of=petition).order_by("received_at", "pk"))
    if linked:
        first, rest = linked[0], linked[1:]
        Petition.objects.filter(pk=first.pk).update(duplicate_of=None)
        Petition.objects.filter(pk__in=[p.pk for p in rest]).update(duplicate_of=first)
        unlinked += len(linked)
    return unlinked


def petition_reclassify(*, actor: User, petition: Petition, kind: str, reason: str) -> Petition:
    require_handler(actor, petition, perms.RECEIVE)
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Hãy chọn loại đơn.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy nêu lý do phân loại lại.")})
    checks.refuse_long_text("reason", reason, max_length=checks.REASON_MAX)
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition.pk)
        if petition.status not in RECLASSIFIABLE:
            raise ValidationError({"kind": _("Đơn đã kết luận, không phân loại lại được.")})
        if petition.kind == kind:
            raise ValidationError({"kind": _("Đơn đã thuộc loại này.")})
        before = audit.snapshot(petition, PETITION_FIELDS)
        old = petition.kind
        petition.kind = kind
        petition.extensions = 0
        if kind == Kind.DENUNCIATION and petition.assigned_to_id is None:
            # Someone must hold the file: the officer who recognised the denunciation.
            petition.assigned_to = actor
        if kind == Kind.DENUNCIATION:
            # Now confidential: no link may tie it to its sender's other petitions.
            unlinked = _unlink_duplicates(petition)
            if unlinked:
                record_event(petition, actor, "unlink", petition.status, unlinked=unlinked)
        petition.due_at = compute_due(petition)
        petition.save()
        record_event(
            petition, actor, "reclassify", petition.status, reason.strip(), old=old, new=kind
        )
        audit.record(
            actor=actor,
            action="petition_reclassify",
            obj=petition,
            before=before,
            after={**audit.snapshot(petition, PETITION_FIELDS), "reason": reason.strip()},
        )
    return petition


# --- transitions -----------------------------------------------------------------------------

#: What a petition's history calls each step: the workflow's, and the steps outside it.
ACTION_LABELS = {
    "receive": gettext_lazy("tiếp nhận"),
    "assign": gettext_lazy("phân công cán bộ xử lý, người giải quyết"),
    "reclassify": gettext_lazy("phân loại lại"),
    "extend": gettext_lazy("gia hạn giải quyết"),
    "unlink": gettext_lazy("bỏ liên kết đơn trùng (đơn tố cáo)"),
    "recalculate": gettext_lazy("tính lại hạn theo lịch nghỉ mới"),
    **WORKFLOW.labels(),
}


def allowed_actions(user: User, petition: Petition) -> list[str]:
    """The steps ``user`` may take on ``petition`` now (for buttons and the API)."""
    return WORKFLOW.allowed(user, petition)


def petition_transition(
    *,
    actor: User,
    petition: Petition,
    action: str,
    reason: str = "",
    answer: str = "",
    forwarded_to: str = "",
    at: dt.datetime | None = None,
) -> Petition:
    """Move ``petition`` by ``action`` (``petitions.workflow``: refuse and forward need a
    reason; forward a recipient and it notifies the sender; conclude needs the answer)."""
    return WORKFLOW.run(
        actor=actor,
        obj=petition,
        action=action,
        at=at,
        reason=reason,
        answer=answer,
        forwarded_to=forwarded_to,
    )


def petition_extend(
    *,
    actor: User,
    petition: Petition,
    reason: str,
    complex: bool = True,
    especially_complex: bool = False,
) -> Petition:
    """Extend the running step's limit — only where the law allows, with a reason."""
    require_handler(actor, petition, perms.DECIDE)
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy nêu lý do gia hạn.")})
    checks.refuse_long_text("reason", reason, max_length=checks.REASON_MAX)
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition.pk)
        step = current_step(petition)
        if step is None:
            raise ValidationError({"action": _("Đơn không còn thời hạn để gia hạn.")})
        before = audit.snapshot(petition, PETITION_FIELDS)
        petition.complex = petition.complex or complex or especially_complex
        petition.especially_complex = petition.especially_complex or especially_complex
        limit = clocks.allowed_extensions(
            petition.kind,
            step[0],
            complex=petition.complex,
            especially_complex=petition.especially_complex,
        )
        if petition.extensions >= limit:
            raise ValidationError(
                {
                    "action": _("Luật không cho gia hạn thêm (đã gia hạn %(n)s lần).")
                    % {"n": petition.extensions}
                }
            )
        petition.extensions += 1
        petition.due_at = compute_due(petition)
        petition.save()
        record_event(petition, actor, "extend", petition.status, reason.strip(), step=step[0])
        audit.record(
            actor=actor,
            action="petition_extend",
            obj=petition,
            before=before,
            after={**audit.snapshot(petition, PETITION_FIELDS), "reason": reason.strip()},
        )
    return petition


# --- reception sessions and dialogues ----------------------------------------------------------


def session_record(
    *,
    actor: User,
    org_unit: OrgUnit,
    date: dt.date,
    host: User,
    host_is_chairman: bool,
    attendees: str = "",
    matters: str = "",
):
    """Record one reception session (Law 42/2013 Art. 15) and its matters raised."""
    from xaso.petitions.models import ReceptionSession

    access.require(actor, perms.RECEIVE, org_unit)
    errors: dict[str, list[str]] = {}
    checks.past_date(errors, "date", date, earliest=2000)  # a session that took place
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        session = ReceptionSession.objects.create(
            org_unit=org_unit,
            date=date,
            host=host,
            host_is_chairman=host_is_chairman,
            attendees=attendees,
            matters=matters,
        )
        audit.record(
            actor=actor,
            action="reception_session_record",
            obj=session,
            after=audit.snapshot(session),
        )
    return session


def weeks_without_chairman(org_unit: OrgUnit, start: dt.date, end: dt.date) -> list[dt.date]:
    """Mondays of the ISO weeks in [start, end] with no session hosted by the chairman
    (Law 42/2013 Art. 15: at least one day a week)."""
    from xaso.petitions.models import ReceptionSession

    hosted = {
        d - dt.timedelta(days=d.weekday())
        for d in ReceptionSession.objects.filter(
            org_unit=org_unit, host_is_chairman=True, date__range=(start, end)
        ).values_list("date", flat=True)
    }
    monday = start - dt.timedelta(days=start.weekday())
    missing = []
    while monday <= end:
        if monday not in hosted:
            missing.append(monday)
        monday += dt.timedelta(days=7)
    return missing


def dialogue_record(
    *,
    actor: User,
    org_unit: OrgUnit,
    village: OrgUnit,
    date: dt.date,
    topic: str,
    record: str = "",
    actions: list[tuple[str, User | None, dt.date | None]] = (),
    is_demo: bool = False,
):
    """A dialogue with the people of a bản and its follow-up actions."""
    from xaso.petitions.models import Dialogue, DialogueAction

    access.require(actor, perms.RECEIVE, org_unit)
    if village.kind != OrgUnit.Kind.VILLAGE:
        raise ValidationError({"village": _("Hãy chọn một bản.")})
    if not topic.strip():
        raise ValidationError({"topic": _("Hãy nhập chủ đề đối thoại.")})
    with transaction.atomic():
        dialogue = Dialogue.objects.create(
            org_unit=org_unit,
            village=village,
            date=date,
            topic=topic.strip(),
            record=record,
            is_demo=is_demo,
        )
        for description, owner, due in actions:
            DialogueAction.objects.create(
                dialogue=dialogue, description=description, owner=owner, due_date=due
            )
        audit.record(
            actor=actor,
            action="dialogue_record",
            obj=dialogue,
            after={**audit.snapshot(dialogue), "actions": len(actions)},
        )
    return dialogue


def dialogue_action_done(*, actor: User, action, at: dt.datetime | None = None):
    access.require(actor, perms.RECEIVE, action.dialogue)
    with transaction.atomic():
        before = audit.snapshot(action)
        action.done_at = at or timezone.now()
        action.save(update_fields=["done_at"])
        audit.record(
            actor=actor,
            action="dialogue_action_done",
            obj=action,
            org_unit=action.dialogue.org_unit,
            before=before,
            after=audit.snapshot(action),
        )
    return action


def petitions_recalculate_due(*, dates: list[dt.date], org_unit: OrgUnit | None) -> list[str]:
    """After the days off changed (a yearly notice entered), the open petitions whose
    running limit spans one of ``dates`` get it again. Returns the codes that moved."""
    first, last = min(dates), max(dates)
    candidates = Petition.objects.filter(
        status__in=OPEN_STATUSES, due_at__isnull=False, due_at__date__gte=first
    ).filter(received_at__date__lte=last)
    if org_unit is not None:
        candidates = candidates.filter(org_unit__path__startswith=org_unit.path)
    return recalculate_due(
        queryset=candidates.select_related("org_unit"),
        compute=compute_due,  # the locked row was re-read through ``candidates``
        record_step=lambda petition: record_event(petition, None, "recalculate", petition.status),
        audit_action="petition_recalculate",
        audit_fields=PETITION_FIELDS,
    )
