"""Every write of the Party module: one transaction each, permission-checked (``actor``
None is the system itself: the seed loader) and audited.

The audit log is read by administrators and leaders who may not hold the Party
permission, so member entries name the record ("Đảng viên #12") and show the values of
its status and cell only; every other field of the file appears as changed, its value
hidden (``MASKED``). The full history is in the module's own dated records.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from xaso.core import access, audit
from xaso.core import services as core_services
from xaso.core.models import OrgUnit, User
from xaso.party import permissions as perms
from xaso.party import rules
from xaso.party.models import (
    ACTIVE,
    Cell,
    CellKind,
    Committee,
    Direction,
    Member,
    Position,
    Seat,
    Status,
    StatusChange,
    Transfer,
    TransferKind,
)

MASKED = "(ẩn)"
#: Member fields whose values the audit log may hold; the rest are masked.
AUDIT_SHOWN = ("status", "org_unit_id", "temporary", "is_demo")
PROFILE_FIELDS = (
    "full_name",
    "birth_date",
    "gender",
    "ethnicity",
    "admitted_on",
    "official_on",
    "card_number",
    "positions",
    "general_education",
    "professional",
    "theory",
)
#: The status changes a service may record (a transfer out records its own).
CHANGES = {
    Status.PROBATIONARY: {Status.OFFICIAL, Status.DECEASED, Status.REMOVED},
    Status.OFFICIAL: {Status.DECEASED, Status.REMOVED},
}


def _require(actor: User | None, unit: OrgUnit) -> None:
    if actor is not None:
        access.require(actor, perms.MANAGE, unit)


def _member_snapshot(member: Member) -> dict:
    fields = [*AUDIT_SHOWN, *PROFILE_FIELDS]
    values = audit.snapshot(member, fields)
    return {k: (v if k in AUDIT_SHOWN or v in (None, "") else MASKED) for k, v in values.items()}


def _audit_member(actor, action: str, member: Member, before=None, after=None, **extra):
    after = {**(after or _member_snapshot(member)), **extra}
    audit.record(actor=actor, action=action, obj=member, before=before, after=after)


def _check_cell(unit: OrgUnit, field: str = "org_unit") -> Cell:
    cell = Cell.objects.filter(org_unit=unit).first()
    if cell is None:
        raise ValidationError({field: _("Đơn vị này không phải chi bộ.")})
    return cell


def _today() -> dt.date:
    return timezone.localdate()


def _record_status(actor: User | None, member: Member, on: dt.date, note: str) -> None:
    """The dated record of the status ``member`` has now (its history entry)."""
    StatusChange.objects.create(
        member=member,
        org_unit=member.org_unit,
        status=member.status,
        on=on,
        note=note,
        recorded_by=actor,
        is_demo=member.is_demo,
    )


def _check_day(on: dt.date, member: Member, field: str = "on") -> None:
    """A change is dated: not in the future, not before the member joined, not before the
    last recorded change (history is read in date order)."""
    if on > _today():
        raise ValidationError({field: _("Ngày không được sau hôm nay.")})
    if on < member.admitted_on:
        raise ValidationError({field: _("Ngày không được trước ngày vào Đảng.")})
    last = StatusChange.objects.filter(member=member).order_by("-on").values_list("on", flat=True)
    if last and on < last[0]:
        raise ValidationError({field: _("Ngày không được trước lần biến động gần nhất.")})


# --- cells ---------------------------------------------------------------------------------


@transaction.atomic
def cell_create(
    *,
    actor: User | None,
    party_unit: OrgUnit,
    code: str,
    kind: str,
    name: str = "",
    village: OrgUnit | None = None,
    valid_from: dt.date | None = None,
    source: str = "",
) -> Cell:
    """Add a cell under the Đảng ủy's unit: its org unit (kind PARTY) and its record."""
    if party_unit.kind != OrgUnit.Kind.PARTY:
        raise ValidationError({"party_unit": _("Chi bộ phải trực thuộc một tổ chức Đảng.")})
    if kind == CellKind.VILLAGE and (village is None or village.kind != OrgUnit.Kind.VILLAGE):
        raise ValidationError({"village": _("Chi bộ bản phải gắn với một bản.")})
    if kind == CellKind.AGENCY and village is not None:
        raise ValidationError({"village": _("Chi bộ cơ quan, đơn vị không gắn với bản.")})
    unit = core_services.org_unit_create(
        actor=actor,
        parent=party_unit,
        code=code,
        name=name,
        kind=OrgUnit.Kind.PARTY,
        valid_from=valid_from,
        source=source,
    )
    cell = Cell(org_unit=unit, kind=kind, village=village, source=source)
    cell.full_clean()
    cell.save()
    # The cell's own entry (``org_unit_create`` recorded the unit's): its fields by their
    # names and kind in words, not the unit's.
    fields = ("org_unit_id", "kind", "village_id", "source")
    audit.record(
        actor=actor, action="party_cell_create", obj=cell, after=audit.snapshot(cell, fields)
    )
    return cell


@transaction.atomic
def committee_set(
    *,
    actor: User | None,
    cell: Cell,
    elected: bool,
    term_start: dt.date,
    term_end: dt.date | None = None,
    seats: list[tuple[Member, str]],
    is_demo: bool = False,
) -> Committee:
    """Open a new term of the cell's leadership, ending the current one the day before.
    A chi ủy only where the cell has the official members the Charter asks for (Art.
    24.4, ``rules``: committee_official_members_min); one secretary; every seat an
    official member of the cell (probationary members may not stand, Charter Art. 5)."""
    _require(actor, cell.org_unit)
    errors = {}
    if term_end is not None and term_end <= term_start:
        errors["term_end"] = _("Nhiệm kỳ phải kết thúc sau ngày bắt đầu.")
    if [p for _m, p in seats].count(Position.SECRETARY) != 1:
        errors["seats"] = _("Cần đúng một bí thư chi bộ.")
    elif not elected and any(p == Position.MEMBER for _m, p in seats):
        errors["seats"] = _("Chi bộ chưa có chi ủy thì chỉ có bí thư, phó bí thư.")
    members = [m for m, _p in seats]
    if len({m.pk for m in members}) != len(members):
        errors["seats"] = _("Mỗi đảng viên chỉ giữ một chức vụ trong cấp ủy.")
    if any(m.org_unit_id != cell.org_unit_id or m.status != Status.OFFICIAL for m in members):
        errors["seats"] = _("Cấp ủy viên phải là đảng viên chính thức của chi bộ.")
    # The count and the current term are read under the cell's lock: two officers
    # opening a term at once would otherwise both end the same one.
    OrgUnit.objects.select_for_update().filter(pk=cell.org_unit_id).first()
    minimum = rules.value("committee_official_members_min", term_start)
    official = Member.objects.filter(
        org_unit=cell.org_unit, status=Status.OFFICIAL, temporary=False
    ).count()
    if elected and official < minimum:
        errors["elected"] = _(
            "Chi bộ có %(n)s đảng viên chính thức; từ %(min)s trở lên mới bầu chi ủy."
        ) % {"n": official, "min": minimum}
    if errors:
        raise ValidationError(errors)
    current = Committee.objects.filter(cell=cell, ended_on__isnull=True).first()
    if current is not None:
        if term_start <= current.term_start:
            raise ValidationError(
                {"term_start": _("Nhiệm kỳ mới phải bắt đầu sau nhiệm kỳ hiện tại.")}
            )
        current.ended_on = term_start - dt.timedelta(days=1)
        current.save(update_fields=["ended_on"])
    committee = Committee(
        cell=cell,
        org_unit=cell.org_unit,
        elected=elected,
        term_start=term_start,
        term_end=term_end,
        is_demo=is_demo,
    )
    committee.full_clean()
    committee.save()
    Seat.objects.bulk_create([Seat(committee=committee, member=m, position=p) for m, p in seats])
    audit.record(
        actor=actor,
        action="party_committee_set",
        obj=committee,
        object_repr=str(cell),
        after={
            # Not its number nor ``cell`` (the same cell as ``org_unit``): fields by name.
            **audit.snapshot(
                committee, ("org_unit_id", "elected", "term_start", "term_end", "is_demo")
            ),
            "seats": [[m.pk, p] for m, p in seats],  # member numbers, never names
        },
    )
    return committee


# --- members -------------------------------------------------------------------------------


def _check_member(member: Member) -> None:
    errors = {}
    if not member.full_name:
        errors["full_name"] = _("Hãy nhập họ và tên.")
    age_rule = member.admitted_on and rules.rule_or_none("admission_age_min", member.admitted_on)
    if member.birth_date and age_rule:
        age_min = age_rule.value
        if member.admitted_on < months_after(member.birth_date, 12 * age_min):
            errors["birth_date"] = _(
                "Ngày sinh không hợp với ngày vào Đảng (chưa đủ %(n)s tuổi)."
            ) % {"n": age_min}
    if member.admitted_on and member.admitted_on > _today():
        errors["admitted_on"] = _("Ngày vào Đảng không được sau hôm nay.")
    if member.status == Status.OFFICIAL and member.official_on is None:
        errors["official_on"] = _("Đảng viên chính thức cần có ngày chính thức.")
    if member.status == Status.PROBATIONARY and member.official_on is not None:
        errors["official_on"] = _("Đảng viên dự bị chưa có ngày chính thức.")
    if member.official_on and member.admitted_on and member.official_on < member.admitted_on:
        errors["official_on"] = _("Ngày chính thức không được trước ngày vào Đảng.")
    if member.card_number:
        taken = Member.objects.filter(card_number=member.card_number).exclude(pk=member.pk)
        if taken.exists():
            errors["card_number"] = _("Số thẻ này đã ghi cho đảng viên khác.")
    if errors:
        raise ValidationError(errors)
    member.full_clean()


@transaction.atomic
def member_create(
    *,
    actor: User | None,
    cell: OrgUnit,
    status: str,
    note: str = "",
    is_demo: bool = False,
    temporary: bool = False,
    **profile,
) -> Member:
    """Record a member of ``cell`` (an existing member's file entered, or one who came
    by transfer) with the first entry of their history."""
    _require(actor, cell)
    _check_cell(cell, "cell")
    if status not in ACTIVE:
        raise ValidationError({"status": _("Đảng viên mới ghi là chính thức hoặc dự bị.")})
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError({f: _("Không có trường này.") for f in sorted(unknown)})
    member = Member(org_unit=cell, status=status, is_demo=is_demo, temporary=temporary, **profile)
    _check_member(member)
    member.save()
    _record_status(
        actor, member, member.official_on if status == Status.OFFICIAL else member.admitted_on, note
    )
    _audit_member(actor, "party_member_create", member)
    return member


@transaction.atomic
def member_update(*, actor: User | None, member: Member, **fields) -> Member:
    """Correct or complete a member's file; status and cell change only by their own
    services, so their history stays whole."""
    _require(actor, member.org_unit)
    forbidden = set(fields) - set(PROFILE_FIELDS) - {"official_on"}
    if forbidden:
        raise ValidationError({f: _("Không được đổi trường này ở đây.") for f in forbidden})
    member = Member.objects.select_for_update().get(pk=member.pk)
    before = _member_snapshot(member)
    for name, value in fields.items():
        setattr(member, name, value)
    _check_member(member)
    member.save()
    _audit_member(actor, "party_member_update", member, before=before)
    return member


@transaction.atomic
def member_status_change(
    *,
    actor: User | None,
    member: Member,
    status: str,
    on: dt.date,
    note: str = "",
    probation_from: dt.date | None = None,
) -> Member:
    """Record a change of status from ``on``: probationary → official (recognition,
    effective at the end of the probation even when decided late), or → deceased /
    removed. The previous status stays in the history. The probation runs from
    ``probation_from`` — the admission ceremony when the admission is recorded (Charter
    Art. 5) — else from the admission date."""
    _require(actor, member.org_unit)
    # Locked: two officers recording a change at once would both read the old status.
    member = Member.objects.select_for_update().get(pk=member.pk)
    if status not in CHANGES.get(member.status, set()):
        raise ValidationError(
            {
                "status": _("Không chuyển được từ “%(old)s” sang “%(new)s”.")
                % {
                    "old": member.get_status_display(),
                    "new": Status(status).label if status in Status.values else status,
                }
            }
        )
    _check_day(on, member)
    if status == Status.OFFICIAL:
        start = probation_from or member.admitted_on
        months = rules.value("probation_months", start)
        end = months_after(start, months)
        if on < end:
            raise ValidationError(
                {
                    "on": _("Chưa hết %(n)s tháng dự bị (đến %(end)s).")
                    % {"n": months, "end": end.strftime("%d/%m/%Y")}
                }
            )
        member.official_on = end
    before = _member_snapshot(member)
    member.status = status
    member.save()
    _record_status(actor, member, on, note)
    _audit_member(actor, "party_member_status", member, before=before, on=on.isoformat())
    return member


def months_after(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def _transfer_words(kind: str, direction: str) -> str:
    """A transfer for the audit log, in the log's Vietnamese words whatever the reader's
    language: "Chính thức — Ra ngoài Đảng bộ"."""
    with translation.override("vi"):
        return f"{TransferKind(kind).label} — {Direction(direction).label}"


@transaction.atomic
def member_transfer(
    *,
    actor: User | None,
    member: Member,
    kind: str,
    direction: str,
    on: dt.date,
    to_unit: OrgUnit | None = None,
    other_organisation: str = "",
    until: dt.date | None = None,
    letter_number: str = "",
    note: str = "",
) -> Transfer:
    """Chuyển sinh hoạt Đảng of a member of the Đảng bộ: to another of its cells or out
    of it; official (the roll moves: the cell changes, or the member leaves the Đảng
    bộ's count) or temporary (the roll stays until ``until``)."""
    _require(actor, member.org_unit)
    member = Member.objects.select_for_update().get(pk=member.pk)  # see member_status_change
    errors = {}
    if kind not in TransferKind.values:
        errors["kind"] = _("Chọn hình thức chuyển.")
    if direction not in (Direction.INTERNAL, Direction.OUT):
        errors["direction"] = _("Chọn chuyển trong Đảng bộ hoặc ra ngoài Đảng bộ.")
    if not member.is_active or member.temporary:
        errors["member"] = _("Chỉ chuyển được đảng viên đang sinh hoạt trong Đảng bộ.")
    if direction == Direction.INTERNAL:
        if to_unit is None:
            errors["to_unit"] = _("Chọn chi bộ đến.")
        elif to_unit.pk == member.org_unit_id:
            errors["to_unit"] = _("Chi bộ đến phải khác chi bộ hiện tại.")
        elif not Cell.objects.filter(
            org_unit=to_unit, org_unit__parent_id=member.org_unit.parent_id
        ).exists():
            errors["to_unit"] = _("Chi bộ đến phải thuộc cùng Đảng bộ.")
    elif direction == Direction.OUT and not other_organisation.strip():
        errors["other_organisation"] = _("Ghi tổ chức đảng nơi đến.")
    if kind == TransferKind.TEMPORARY and until is not None and until < on:
        errors["until"] = _("Ngày kết thúc không được trước ngày chuyển.")
    if kind == TransferKind.OFFICIAL and until is not None:
        errors["until"] = _("Chuyển chính thức không có ngày kết thúc.")
    if errors:
        raise ValidationError(errors)
    if to_unit is not None:
        _require(actor, to_unit)
    _check_day(on, member)
    before = _member_snapshot(member)
    transfer = Transfer.objects.create(
        member=member,
        org_unit=member.org_unit,
        kind=kind,
        direction=direction,
        from_unit=member.org_unit,
        to_unit=to_unit if direction == Direction.INTERNAL else None,
        other_organisation=other_organisation.strip(),
        on=on,
        until=until,
        letter_number=letter_number.strip(),
        note=note.strip(),
        recorded_by=actor,
        is_demo=member.is_demo,
    )
    if kind == TransferKind.OFFICIAL and direction == Direction.INTERNAL:
        member.org_unit = to_unit
        member.save(update_fields=["org_unit"])
    elif kind == TransferKind.OFFICIAL:
        member.status = Status.TRANSFERRED_OUT
        member.save(update_fields=["status"])
        _record_status(actor, member, on, note.strip())
    _audit_member(
        actor,
        "party_member_transfer",
        member,
        before=before,
        # In words (the log is read as it is): "Chính thức — Ra ngoài Đảng bộ".
        transfer=_transfer_words(kind, direction),
        on=on.isoformat(),
    )
    return transfer


@transaction.atomic
def member_transfer_in(
    *,
    actor: User | None,
    cell: OrgUnit,
    kind: str,
    on: dt.date,
    other_organisation: str,
    status: str,
    until: dt.date | None = None,
    letter_number: str = "",
    note: str = "",
    **profile,
) -> Member:
    """A member coming from another Party organisation: officially (onto the Đảng bộ's
    roll) or temporarily (attending ``cell`` until ``until``, counted where they came
    from)."""
    if not other_organisation.strip():
        raise ValidationError({"other_organisation": _("Ghi tổ chức đảng nơi đi.")})
    if kind not in TransferKind.values:
        raise ValidationError({"kind": _("Chọn hình thức chuyển.")})
    if on > _today():
        raise ValidationError({"on": _("Ngày không được sau hôm nay.")})
    # As for a transfer out: a temporary stay ends on or after its start, an official
    # move has no end (the Transfer's constraint would otherwise fail as a 500).
    if kind == TransferKind.TEMPORARY and until is not None and until < on:
        raise ValidationError({"until": _("Ngày kết thúc không được trước ngày chuyển.")})
    if kind == TransferKind.OFFICIAL and until is not None:
        raise ValidationError({"until": _("Chuyển chính thức không có ngày kết thúc.")})
    member = member_create(
        actor=actor,
        cell=cell,
        status=status,
        temporary=kind == TransferKind.TEMPORARY,
        note=note,
        **profile,
    )
    Transfer.objects.create(
        member=member,
        org_unit=cell,
        kind=kind,
        direction=Direction.IN,
        to_unit=cell,
        other_organisation=other_organisation.strip(),
        on=on,
        until=until,
        letter_number=letter_number.strip(),
        note=note.strip(),
        recorded_by=actor,
    )
    _audit_member(
        actor,
        "party_member_transfer",
        member,
        transfer=_transfer_words(kind, Direction.IN),
        on=on.isoformat(),
    )
    return member
