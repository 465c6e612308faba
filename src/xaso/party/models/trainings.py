"""Cử đi đào tạo, bồi dưỡng: a member sent by the Đảng ủy's proposal to a university
degree or a political-theory course (sơ cấp, trung cấp, cao cấp lý luận chính trị), the
date sent, and how it ended. Completing a theory course raises the member's ``theory``
level (``party.trainings``), never lowers it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit
from xaso.party.models.members import Member

__all__ = ["CourseKind", "Training", "TrainingResult"]


class CourseKind(models.TextChoices):
    UNIVERSITY = "university", _("Đại học")
    ADVANCED_THEORY = "advanced_theory", _("Cao cấp lý luận chính trị")
    INTERMEDIATE_THEORY = "intermediate_theory", _("Trung cấp lý luận chính trị")
    ELEMENTARY_THEORY = "elementary_theory", _("Sơ cấp lý luận chính trị")


class TrainingResult(models.TextChoices):
    STUDYING = "studying", _("Đang học")
    COMPLETED = "completed", _("Đã hoàn thành")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành")


class Training(models.Model):
    """Cử đi đào tạo, bồi dưỡng — one member sent to one course. ``org_unit`` is the
    member's cell when sent (for access)."""

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="trainings"
    )
    kind = models.CharField(_("loại lớp"), max_length=20, choices=CourseKind.choices)
    sent_on = models.DateField(_("ngày cử đi học"))
    decision_number = models.CharField(_("số quyết định"), max_length=40, blank=True)
    institution = models.CharField(_("cơ sở đào tạo"), max_length=200, blank=True)
    finished_on = models.DateField(_("ngày kết thúc khóa học"), null=True, blank=True)
    result = models.CharField(
        _("kết quả"), max_length=15, choices=TrainingResult.choices, default=TrainingResult.STUDYING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("cử đi đào tạo, bồi dưỡng")
        verbose_name_plural = _("cử đi đào tạo, bồi dưỡng")
        ordering = ["-sent_on", "-pk"]
        indexes = [models.Index(fields=["org_unit", "sent_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True) | Q(finished_on__gte=F("sent_on")),
                name="party_training_finished_after_sent",
            ),
            models.CheckConstraint(
                condition=Q(result="studying", finished_on__isnull=True)
                | (~Q(result="studying") & Q(finished_on__isnull=False)),
                name="party_training_finished_with_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk} ({self.sent_on:%d/%m/%Y})"
