"""Citizen reception (tiếp công dân), petitions (đơn thư) and dialogues (đối thoại)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core.models import DailyCounter, OrgUnit
from xaso.core.vietnamese import search_key


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    FEEDBACK = "feedback", _("Phản ánh")


class Status(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ACCEPTED = "accepted", _("Đã thụ lý")
    REFUSED = "refused", _("Không thụ lý")
    FORWARDED = "forwarded", _("Đã chuyển")
    VERIFYING = "verifying", _("Đang xác minh")
    CONCLUDED = "concluded", _("Đã kết luận")
    NOTIFIED = "notified", _("Đã thông báo")
    CLOSED = "closed", _("Kết thúc")


class Channel(models.TextChoices):
    RECEPTION = "reception", _("Tại buổi tiếp công dân")
    POST = "post", _("Bưu chính")
    ONLINE = "online", _("Trang công dân")
    FORWARDED = "forwarded", _("Cơ quan khác chuyển đến")


class PetitionCounter(DailyCounter):
    """The day's last sequence number per receiving unit, for petition codes."""

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "day"], name="petitioncounter_unique_day")
        ]


class Petition(models.Model):
    """Đơn thư — one complaint, denunciation, recommendation or feedback."""

    code = models.CharField(_("mã đơn"), max_length=40, unique=True)
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("nơi tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại đơn"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("nguồn đơn"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("thời điểm nhận"))
    accepted_at = models.DateTimeField(_("thời điểm thụ lý"), null=True, blank=True)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=60, blank=True)
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.CharField(_("tóm tắt nội dung"), max_length=300)
    summary_key = models.CharField(max_length=300, db_index=True, editable=False, default="")
    content = models.TextField(_("nội dung"), blank=True)
    # Petitioner — personal data; for a denunciation, confidential (Law 25/2018).
    petitioner_name = models.CharField(_("họ và tên người gửi"), max_length=150)
    petitioner_id_number = models.CharField(_("số định danh"), max_length=12, blank=True)
    petitioner_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    petitioner_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    persons_involved = models.TextField(_("người liên quan"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ được giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người có thẩm quyền giải quyết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    complex = models.BooleanField(_("vụ việc phức tạp"), default=False)
    especially_complex = models.BooleanField(_("đặc biệt phức tạp"), default=False)
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn (bước hiện tại)"), default=0)
    remote_area = models.BooleanField(_("vùng đặc biệt khó khăn"), default=False)
    due_at = models.DateTimeField(_("hạn của bước hiện tại"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("trùng với đơn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    public = models.BooleanField(_("tra cứu trên trang công dân"), default=False)
    # Set once the petition is (or ever was) a denunciation and never cleared: a
    # reclassification must not expose the denouncer.
    confidential = models.BooleanField(_("bảo mật người tố cáo"), default=False, editable=False)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    forwarded_to = models.CharField(_("chuyển đến"), max_length=200, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("đơn thư")
        verbose_name_plural = _("đơn thư")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        self.summary_key = search_key(self.summary)[:300]
        if self.kind == Kind.DENUNCIATION:
            self.confidential = True
        super().save(*args, **kwargs)


class PetitionEvent(models.Model):
    """One step of a petition (incl. reclassification, with its reason)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.action}"


class PetitionAttachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="petitions/%Y/%m/")
    name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=50)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ReceptionSession(models.Model):
    """Một buổi tiếp công dân (Law 42/2013 Art. 15: the chairman ≥ 1 day a week)."""

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("ngày tiếp"))
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    host_is_chairman = models.BooleanField(_("chủ tịch trực tiếp tiếp"), default=False)
    attendees = models.TextField(_("người đến"), blank=True)
    matters = models.TextField(_("nội dung phản ánh"), blank=True)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date} {self.host_id}"


class Dialogue(models.Model):
    """Đối thoại với nhân dân tại bản."""

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("ngày đối thoại"))
    topic = models.CharField(_("chủ đề"), max_length=300)
    record = models.TextField(_("biên bản"), blank=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"


class DialogueAction(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("việc cần làm"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("hạn"), null=True, blank=True)
    done_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)

    def __str__(self) -> str:
        return self.description
