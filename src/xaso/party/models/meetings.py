"""Cell meetings (sinh hoạt chi bộ): the monthly regular meeting (Điều lệ Đảng, Art.
24.2) and the thematic meeting (at least once a quarter), each with the attendance of
the members on the cell's roll that day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit
from xaso.party.models.members import Member

__all__ = ["Attendance", "Meeting", "MeetingAttendance", "MeetingKind"]


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Sinh hoạt định kỳ")
    THEMATIC = "thematic", _("Sinh hoạt chuyên đề")


class Attendance(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    ABSENT = "absent", _("Vắng không lý do")


class Meeting(models.Model):
    """One meeting of a cell. ``month`` is the first day of the meeting's month: one
    regular meeting per cell and month (a constraint on both databases)."""

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại sinh hoạt"), max_length=10, choices=MeetingKind.choices)
    held_on = models.DateField(_("ngày sinh hoạt"))
    month = models.DateField(editable=False)
    content = models.CharField(_("nội dung"), max_length=2000)
    resolution = models.CharField(_("nghị quyết, kết luận"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("buổi sinh hoạt chi bộ")
        verbose_name_plural = _("buổi sinh hoạt chi bộ")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["org_unit", "kind", "month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "month"],
                condition=Q(kind="regular"),
                name="party_one_regular_meeting_a_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.held_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        self.month = self.held_on.replace(day=1)
        super().save(*args, **kwargs)


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("dự họp"), max_length=10, choices=Attendance.choices)

    class Meta:
        verbose_name = _("dự sinh hoạt")
        verbose_name_plural = _("dự sinh hoạt")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="party_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_status_display()}"
