"""Admissions (kết nạp đảng viên): one ``Admission`` per person on the way from Party
sympathiser to official member, and one ``AdmissionEvent`` per step taken
(``party.admissions`` holds the workflow)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit
from xaso.core.vietnamese import nfc
from xaso.party.models.members import Gender, GeneralEducation, Member


class Stage(models.TextChoices):
    """Where an admission stands: the step last taken (``admissions.WORKFLOW``)."""

    SYMPATHISER = "sympathiser", _("Quần chúng cảm tình Đảng")
    TRAINED = "trained", _("Đã học lớp nhận thức về Đảng")
    HELPERS = "helpers", _("Đã phân công đảng viên giúp đỡ")
    CHECKED = "checked", _("Đã thẩm tra lý lịch")
    CELL_VOTED = "cell_voted", _("Chi bộ đã biểu quyết đề nghị kết nạp")
    RESOLVED = "resolved", _("Đảng ủy đã có nghị quyết")
    DECIDED = "decided", _("Đã có quyết định kết nạp")
    PROBATION = "probation", _("Đảng viên dự bị")
    OFFICIAL = "official", _("Đã công nhận chính thức")
    NOT_RECOGNISED = "not_recognised", _("Không được công nhận chính thức")
    STOPPED = "stopped", _("Dừng xem xét kết nạp")


#: Stages whose admission is over (no clock runs).
CLOSED_STAGES = (Stage.OFFICIAL, Stage.NOT_RECOGNISED, Stage.STOPPED)


class Admission(models.Model):
    """Kết nạp đảng viên — one person's way from Party sympathiser to official member,
    moved only by ``admissions.WORKFLOW`` (each step its inputs, its check, its
    ``AdmissionEvent`` and its audit entry). The person's details are kept here until
    the ceremony makes them a ``Member`` (``member``); ``due_on`` is the time limit of
    the step that waits now (None when the rules give none)."""

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("bước"), max_length=20, choices=Stage.choices)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    birth_date = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(_("dân tộc"), max_length=40)
    general_education = models.CharField(
        _("giáo dục phổ thông"), max_length=20, choices=GeneralEducation.choices
    )
    mass_organisation = models.CharField(_("đoàn thể giới thiệu"), max_length=150)
    introduced_on = models.DateField(_("ngày giới thiệu cảm tình Đảng"))
    certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=40, blank=True)
    certificate_on = models.DateField(_("ngày cấp giấy chứng nhận"), null=True, blank=True)
    helper_1 = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên giúp đỡ thứ nhất"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    helper_2 = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên giúp đỡ thứ hai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    helpers_on = models.DateField(_("ngày phân công giúp đỡ"), null=True, blank=True)
    checked_on = models.DateField(_("ngày hoàn thành thẩm tra lý lịch"), null=True, blank=True)
    meeting_on = models.DateField(_("ngày chi bộ họp xét"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("số đồng ý"), null=True, blank=True)
    votes_total = models.PositiveSmallIntegerField(
        _("số đảng viên chính thức"), null=True, blank=True
    )
    resolution_number = models.CharField(_("số nghị quyết đảng ủy"), max_length=40, blank=True)
    resolution_on = models.DateField(_("ngày nghị quyết đảng ủy"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định kết nạp"), max_length=40, blank=True)
    decision_on = models.DateField(_("ngày quyết định kết nạp"), null=True, blank=True)
    ceremony_on = models.DateField(_("ngày lễ kết nạp"), null=True, blank=True)
    probation_end = models.DateField(_("hết thời gian dự bị"), null=True, blank=True)
    review_on = models.DateField(_("ngày chi bộ xét công nhận"), null=True, blank=True)
    review_votes_for = models.PositiveSmallIntegerField(
        _("số đồng ý công nhận"), null=True, blank=True
    )
    review_votes_total = models.PositiveSmallIntegerField(
        _("số đảng viên chính thức khi xét"), null=True, blank=True
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    reason = models.CharField(_("lý do"), max_length=500, blank=True)
    member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="admissions",
    )
    due_on = models.DateField(_("hạn bước tiếp theo"), null=True, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ kết nạp")
        verbose_name_plural = _("hồ sơ kết nạp")
        ordering = ["-introduced_on", "-pk"]
        indexes = [
            models.Index(fields=["org_unit", "status"]),
            models.Index(fields=["decision_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision_on__isnull=True)
                | Q(resolution_on__isnull=True)
                | Q(decision_on__gte=models.F("resolution_on")),
                name="party_admission_decision_after_resolution",
            ),
            models.CheckConstraint(
                condition=Q(ceremony_on__isnull=True)
                | Q(decision_on__isnull=False, ceremony_on__gte=models.F("decision_on")),
                name="party_admission_ceremony_after_decision",
            ),
        ]

    def __str__(self) -> str:
        # Never the name: ``str`` lands in the audit log.
        return _("Hồ sơ kết nạp #%(pk)s") % {"pk": self.pk}

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name).strip()
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STAGES


class AdmissionEvent(models.Model):
    """One step of an admission: who took it, when, from which stage to which, and the
    step's inputs (numbers and dates of the papers, votes; member numbers, never names)."""

    admission = models.ForeignKey(Admission, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("thao tác"), max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    on = models.DateField(_("ngày"))
    at = models.DateTimeField(_("thời điểm ghi"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("lý do"), max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("bước kết nạp")
        verbose_name_plural = _("bước kết nạp")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.admission} — {self.action} ({self.on:%d/%m/%Y})"
