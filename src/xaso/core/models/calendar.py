"""The working-day calendar's data: statutory holidays, yearly notices and their days,
office hours."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaso.core.models.units import OrgUnit


class HolidayRule(models.Model):
    """Ngày nghỉ lễ, Tết theo luật — a statutory holiday as data (Labor Code 2019 Art. 112).

    Kept as rows, not code, so a new holiday voted into law is added by the
    administrator with its legal basis, from the year it applies.
    """

    class Calendar(models.TextChoices):
        SOLAR = "solar", _("Dương lịch")
        LUNAR = "lunar", _("Âm lịch")

    name = models.CharField(_("tên ngày lễ"), max_length=120)
    calendar = models.CharField(_("lịch"), max_length=5, choices=Calendar.choices)
    month = models.PositiveSmallIntegerField(_("tháng"))
    day = models.PositiveSmallIntegerField(_("ngày"))
    days = models.PositiveSmallIntegerField(_("số ngày nghỉ"), default=1)
    offset = models.SmallIntegerField(
        _("bắt đầu trước (ngày)"),
        default=0,
        help_text=_("Số ngày (âm) trước ngày mốc mà kỳ nghỉ bắt đầu, ví dụ Tết: -1."),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    first_year = models.PositiveSmallIntegerField(_("áp dụng từ năm"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("áp dụng đến năm"), null=True, blank=True)
    group = models.CharField(
        _("nhóm ngày lễ"),
        max_length=30,
        blank=True,
        help_text=_("Thông báo hằng năm về nhóm này thay quy tắc cho năm đó."),
    )

    class Meta:
        verbose_name = _("ngày lễ theo luật")
        verbose_name_plural = _("ngày lễ theo luật")
        ordering = ["calendar", "month", "day"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        limit = 30 if self.calendar == self.Calendar.LUNAR else 31
        errors = {}
        if not 1 <= (self.month or 0) <= 12:
            errors["month"] = _("Tháng phải từ 1 đến 12.")
        if not 1 <= (self.day or 0) <= limit:
            errors["day"] = _("Ngày phải từ 1 đến %(n)s.") % {"n": limit}
        if self.calendar == self.Calendar.SOLAR and not errors:
            import datetime

            try:
                datetime.date(2024, self.month, self.day)  # a leap year admits 29/02
            except ValueError:
                errors["day"] = _("Ngày %(d)s/%(m)s không có trong dương lịch.") % {
                    "d": self.day,
                    "m": self.month,
                }
        if self.first_year and self.last_year and self.last_year < self.first_year:
            errors["last_year"] = _("Năm kết thúc phải sau năm bắt đầu.")
        if errors:
            raise ValidationError(errors)


class HolidayNotice(models.Model):
    """Thông báo lịch nghỉ lễ, Tết hằng năm — the Prime Minister's yearly decision, as
    announced (e.g. "Thông báo 9441/TB-BNV ngày 16/10/2025"). For ``year`` it replaces
    the statutory rules of the holiday groups it ``covers``; its days are the
    ``CalendarOverride`` rows pointing at it. Nationwide, or a unit's own decision."""

    year = models.PositiveSmallIntegerField(_("năm"))
    covers = models.JSONField(_("các ngày lễ được quyết định"), default=list)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    title = models.CharField(_("trích yếu"), max_length=300, blank=True)
    confirmed = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=True,
        help_text=_("Bỏ chọn nếu chưa xem được văn bản gốc (hiện “chưa xác nhận”)."),
    )
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("áp dụng cho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: áp dụng toàn quốc."),
    )

    class Meta:
        verbose_name = _("thông báo lịch nghỉ")
        verbose_name_plural = _("thông báo lịch nghỉ")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return f"{self.number or '—'} ({self.year})"

    @property
    def legal_basis(self) -> str:
        from xaso.core.notices import legal_basis

        return legal_basis(
            number=self.number,
            issued_on=self.issued_on,
            issuer=self.issuer,
            confirmed=self.confirmed,
        )


class CalendarOverride(models.Model):
    """Điều chỉnh lịch năm — a day off added or a make-up working day: one of a yearly
    notice's days (``notice`` set), or a unit's own decision (``org_unit`` set, no
    notice) — a deeper unit's day wins."""

    date = models.DateField(_("ngày"))
    day_off = models.BooleanField(
        _("là ngày nghỉ"), help_text=_("Bỏ chọn nếu đây là ngày làm bù (làm việc).")
    )
    reason = models.CharField(_("lý do"), max_length=200)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("áp dụng cho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calendar_overrides",
        help_text=_("Để trống: áp dụng toàn quốc."),
    )
    notice = models.ForeignKey(
        HolidayNotice,
        verbose_name=_("theo thông báo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="days",
    )

    class Meta:
        verbose_name = _("điều chỉnh lịch")
        verbose_name_plural = _("điều chỉnh lịch")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["date", "org_unit"], name="override_unique_scoped"),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(org_unit__isnull=True),
                name="override_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.reason}"


class OfficeSchedule(models.Model):
    """Giờ làm việc của cơ quan — office hours and Saturday-morning opening."""

    org_unit = models.OneToOneField(
        OrgUnit, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="schedule"
    )
    morning_start = models.TimeField(_("sáng từ"), default="07:30")
    morning_end = models.TimeField(_("sáng đến"), default="11:30")
    afternoon_start = models.TimeField(_("chiều từ"), default="13:30")
    afternoon_end = models.TimeField(_("chiều đến"), default="17:00")
    saturday_morning = models.BooleanField(_("mở cửa sáng thứ Bảy"), default=False)

    class Meta:
        verbose_name = _("giờ làm việc")
        verbose_name_plural = _("giờ làm việc")
        constraints = [
            models.CheckConstraint(
                condition=Q(morning_start__lt=models.F("morning_end"))
                & Q(morning_end__lte=models.F("afternoon_start"))
                & Q(afternoon_start__lt=models.F("afternoon_end")),
                name="schedule_hours_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit}: {self.morning_start:%H:%M}–{self.afternoon_end:%H:%M}"
