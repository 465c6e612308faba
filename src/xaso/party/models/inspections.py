"""Kiểm tra, giám sát và kỷ luật đảng: the programmes of inspection and supervision the
Đảng ủy and its Ủy ban kiểm tra adopt (yearly and for the whole term), each inspection
or supervision held (its subject — a cell or one or more members — its content, dates,
conclusion and the follow-up the subject owes), and discipline decisions.

Every record belongs to an org unit (``core.access`` reaches it like a member file): a
programme and an inspection to the Đảng ủy's unit, a discipline to the cell of the
member or the cell disciplined. The kinds and forms are the Charter's words (Điều lệ
Đảng, Điều 30, 32, 35); the implementing rule of 2025 was not read: the pages say so.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit
from xaso.party.models.members import Cell, Member

__all__ = [
    "Activity",
    "Authority",
    "Discipline",
    "DisciplineForm",
    "Inspection",
    "InspectionKind",
    "Programme",
    "ProgrammeItem",
    "ProgrammeScope",
]


class ProgrammeScope(models.TextChoices):
    YEAR = "year", _("Hằng năm")
    TERM = "term", _("Toàn khóa")


class Authority(models.TextChoices):
    """Who adopts a programme, holds an inspection or decides a discipline."""

    CELL = "cell", _("Chi bộ")
    COMMITTEE = "committee", _("Đảng ủy")
    COMMISSION = "commission", _("Ủy ban kiểm tra Đảng ủy")
    HIGHER = "higher", _("Cấp ủy, ủy ban kiểm tra cấp trên")


class Programme(models.Model):
    """Chương trình kiểm tra, giám sát — of the Đảng ủy or of its Ủy ban kiểm tra, for a
    year or for the whole term, with its items (``ProgrammeItem``)."""

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("tổ chức Đảng"), on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField(_("phạm vi"), max_length=10, choices=ProgrammeScope.choices)
    body = models.CharField(_("cơ quan ban hành"), max_length=12, choices=Authority.choices)
    title = models.CharField(_("tên chương trình"), max_length=300)
    number = models.CharField(_("số văn bản"), max_length=40, blank=True)
    adopted_on = models.DateField(_("ngày ban hành"))
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("chương trình kiểm tra, giám sát")
        verbose_name_plural = _("chương trình kiểm tra, giám sát")
        ordering = ["-period_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="party_programme_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProgrammeItem(models.Model):
    """Một nội dung của chương trình: what is to be inspected or supervised, and when."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="items")
    content = models.CharField(_("nội dung"), max_length=500)
    planned = models.CharField(_("thời gian dự kiến"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("nội dung chương trình kiểm tra, giám sát")
        verbose_name_plural = _("nội dung chương trình kiểm tra, giám sát")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.content


class Activity(models.TextChoices):
    INSPECTION = "inspection", _("Kiểm tra")
    SUPERVISION = "supervision", _("Giám sát")


class InspectionKind(models.TextChoices):
    """The Charter's kinds (Điều 30, 32): inspection by the programme or when there are
    signs of violation; supervision regular or thematic."""

    PROGRAMME = "programme", _("Theo chương trình (thường xuyên)")
    THEMATIC = "thematic", _("Chuyên đề")
    SIGNS = "signs", _("Khi có dấu hiệu vi phạm")


class Inspection(models.Model):
    """Cuộc kiểm tra, giám sát — of a cell or of one or more members (at least one of
    the two), with its content, dates, conclusion and follow-up."""

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("tổ chức Đảng"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("nội dung chương trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    body = models.CharField(_("chủ thể"), max_length=12, choices=Authority.choices)
    activity = models.CharField(_("hình thức"), max_length=12, choices=Activity.choices)
    kind = models.CharField(_("loại"), max_length=10, choices=InspectionKind.choices)
    subject_cell = models.ForeignKey(
        Cell,
        verbose_name=_("chi bộ được kiểm tra, giám sát"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_members = models.ManyToManyField(
        Member, verbose_name=_("đảng viên được kiểm tra, giám sát"), blank=True, related_name="+"
    )
    content = models.CharField(_("nội dung"), max_length=1000)
    started_on = models.DateField(_("ngày bắt đầu"))
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    conclusion = models.TextField(_("kết luận"), max_length=5000, blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    follow_up = models.CharField(_("yêu cầu khắc phục"), max_length=1000, blank=True)
    follow_up_due = models.DateField(_("hạn khắc phục"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("ngày hoàn thành khắc phục"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("cuộc kiểm tra, giám sát")
        verbose_name_plural = _("cuộc kiểm tra, giám sát")
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["org_unit", "started_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="party_inspection_dates",
            ),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True)
                | Q(concluded_on__gte=models.F("started_on")),
                name="party_inspection_concluded_after_start",
            ),
        ]

    def __str__(self) -> str:
        # No names: the audit log may be read by those who do not see member files.
        return _("Cuộc %(a)s #%(pk)s") % {"a": self.get_activity_display().lower(), "pk": self.pk}


class DisciplineForm(models.TextChoices):
    """Hình thức kỷ luật (Điều lệ Đảng, Điều 35): for a member the first four, for a cell
    reprimand, warning, dissolution."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DISMISSAL = "dismissal", _("Cách chức")
    EXPULSION = "expulsion", _("Khai trừ")
    DISSOLUTION = "dissolution", _("Giải tán")


class Discipline(models.Model):
    """Quyết định kỷ luật — of a member or of a cell (exactly one), by the body the
    rules allow for its form (``rules``: discipline_authority_*)."""

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines",
    )
    cell = models.ForeignKey(
        Cell,
        verbose_name=_("chi bộ bị kỷ luật"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines",
    )
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("cuộc kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines",
    )
    form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=DisciplineForm.choices)
    number = models.CharField(_("số quyết định"), max_length=40)
    decided_on = models.DateField(_("ngày quyết định"))
    authority = models.CharField(_("cấp quyết định"), max_length=12, choices=Authority.choices)
    violation = models.CharField(_("nội dung vi phạm"), max_length=1000)
    basis = models.CharField(_("căn cứ (quy định bị vi phạm)"), max_length=500)
    effective_on = models.DateField(_("ngày có hiệu lực"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("quyết định kỷ luật")
        verbose_name_plural = _("quyết định kỷ luật")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=True, cell__isnull=False)
                | Q(member__isnull=False, cell__isnull=True),
                name="party_discipline_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(effective_on__gte=models.F("decided_on")),
                name="party_discipline_effective_after_decided",
            ),
        ]

    def __str__(self) -> str:
        return _("Quyết định kỷ luật #%(pk)s") % {"pk": self.pk}
