"""The append-only audit log and the heads of its hash chains."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core.models.units import OrgUnit
from xaso.core.models.users import User


class AuditQuerySet(models.QuerySet):
    """Refuses bulk updates and deletes: the audit log is append-only."""

    def update(self, **kwargs):
        raise PermissionError("Nhật ký hệ thống chỉ được ghi thêm, không được sửa.")

    def delete(self):
        raise PermissionError("Nhật ký hệ thống chỉ được ghi thêm, không được xóa.")


class AuditEntry(models.Model):
    """Nhật ký hệ thống — who changed what, when, from where. Append-only.

    The model refuses updates and deletes, and database triggers (migration 0002)
    refuse them too, so not even raw SQL through the application can rewrite history.
    """

    class Source(models.TextChoices):
        WEB = "web", _("Giao diện web")
        API = "api", _("API")
        CLI = "cli", _("Dòng lệnh")
        SYSTEM = "system", _("Hệ thống")

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    action = models.CharField(_("thao tác"), max_length=40, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=60, db_index=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    source = models.CharField(_("kênh"), max_length=10, choices=Source.choices)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=300, blank=True)
    # The hash chain (core.audit_chain): one chain per commune, "" for the rest.
    chain = models.CharField(max_length=40, blank=True, default="")
    seq = models.PositiveBigIntegerField(default=0)
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, blank=True, default="")

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="auditentry_chain_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Nhật ký hệ thống chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký hệ thống chỉ được ghi thêm, không được xóa.")

    @property
    def action_label(self) -> str:
        from xaso.core.plugins import audit_label

        return audit_label(self.action)


class AuditChain(models.Model):
    """The head of one chain of the audit log: its last position and hash. Locked by
    every writer of the chain (``core.audit.record``), so entries are chained one at a
    time. Not append-only: it moves with every entry."""

    key = models.CharField(max_length=40, unique=True)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"{self.key or '—'} #{self.last_seq}"
