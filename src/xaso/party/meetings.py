"""Every write of the cell meetings (sinh hoạt chi bộ): recording a meeting with the
attendance of each member on the cell's roll that day, audited. One regular meeting per
cell and month (Điều lệ Đảng, Art. 24.2; a database constraint holds it too); a
thematic meeting may come any day (at least once a quarter, ``rules``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access, audit
from xaso.core.models import User
from xaso.party import permissions as perms
from xaso.party import rating_selectors as sel
from xaso.party.models import Attendance, Cell, Meeting, MeetingAttendance, MeetingKind

CONTENT_MAX = 2000
FIRST_DAY = dt.date(2000, 1, 1)


@transaction.atomic
def meeting_record(
    *,
    actor: User | None,
    cell: Cell,
    kind: str,
    held_on: dt.date,
    content: str,
    resolution: str = "",
    attendance: dict[int, str],
    is_demo: bool = False,
) -> Meeting:
    """Record one meeting of ``cell``. ``attendance`` maps every member on the cell's
    roll on ``held_on`` (by number) to present, excused or absent — nobody else."""
    if actor is not None:
        access.require(actor, perms.MANAGE, cell.org_unit)
    content, resolution = (content or "").strip(), (resolution or "").strip()
    errors: dict[str, str] = {}
    if kind not in MeetingKind.values:
        errors["kind"] = _("Chọn loại sinh hoạt.")
    if held_on > timezone.localdate():
        errors["held_on"] = _("Ngày sinh hoạt không được sau hôm nay.")
    elif held_on < FIRST_DAY:
        errors["held_on"] = _("Ngày sinh hoạt không được trước năm 2000.")
    if not content:
        errors["content"] = _("Hãy ghi nội dung sinh hoạt.")
    elif len(content) > CONTENT_MAX:
        errors["content"] = _("Nội dung dài tối đa %(n)s ký tự.") % {"n": CONTENT_MAX}
    if len(resolution) > CONTENT_MAX:
        errors["resolution"] = _("Nghị quyết, kết luận dài tối đa %(n)s ký tự.") % {
            "n": CONTENT_MAX
        }
    if errors:
        raise ValidationError(errors)
    roll = {m.pk: m for m in sel.roll_on(cell.org_unit, held_on)}
    strangers = set(attendance) - set(roll)
    if strangers:
        errors["attendance"] = _("Có đảng viên không thuộc chi bộ vào ngày sinh hoạt.")
    elif set(roll) - set(attendance):
        errors["attendance"] = _("Hãy ghi dự họp của mọi đảng viên trong chi bộ (%(n)s người).") % {
            "n": len(roll)
        }
    elif any(status not in Attendance.values for status in attendance.values()):
        errors["attendance"] = _("Dự họp là có mặt, vắng có lý do hoặc vắng không lý do.")
    if (
        kind == MeetingKind.REGULAR
        and Meeting.objects.filter(
            org_unit=cell.org_unit, kind=MeetingKind.REGULAR, month=held_on.replace(day=1)
        ).exists()
    ):
        errors["held_on"] = _("Chi bộ đã có buổi sinh hoạt định kỳ tháng %(m)s.") % {
            "m": f"{held_on:%m/%Y}"
        }
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(
        org_unit=cell.org_unit,
        kind=kind,
        held_on=held_on,
        content=content,
        resolution=resolution,
        recorded_by=actor,
        is_demo=is_demo,
    )
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError:  # another officer recorded the month's meeting a moment ago
        raise ValidationError(
            {
                "held_on": _("Chi bộ đã có buổi sinh hoạt định kỳ tháng %(m)s.")
                % {"m": f"{held_on:%m/%Y}"}
            }
        ) from None
    MeetingAttendance.objects.bulk_create(
        [
            MeetingAttendance(meeting=meeting, member=roll[pk], status=s)
            for pk, s in attendance.items()
        ]
    )
    counts = {s: list(attendance.values()).count(s) for s in Attendance.values}
    audit.record(
        actor=actor,
        action="party_meeting_record",
        obj=meeting,
        object_repr=f"{meeting} — {cell}",
        after={
            **audit.snapshot(meeting, ("org_unit_id", "kind", "held_on", "is_demo")),
            "có mặt": counts[Attendance.PRESENT],
            "vắng có lý do": counts[Attendance.EXCUSED],
            "vắng không lý do": counts[Attendance.ABSENT],
        },
    )
    return meeting
