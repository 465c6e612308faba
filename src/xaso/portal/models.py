"""What the portal itself records: a citizen's consent to the processing of their
personal data (Law 91/2025/QH15 on personal data protection), one per dossier or
petition sent from the citizen pages."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """Sự đồng ý xử lý dữ liệu cá nhân — who agreed, to which text (by version), when,
    for which dossier or petition. The form's one-time token is kept here too, so a
    form sent twice is recognised and makes nothing twice."""

    dossier = models.OneToOneField(
        "onestop.Dossier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consent",
        verbose_name=_("hồ sơ"),
    )
    petition = models.OneToOneField(
        "petitions.Petition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consent",
        verbose_name=_("đơn"),
    )
    given_by = models.CharField(_("người đồng ý"), max_length=150)
    text_version = models.CharField(_("phiên bản nội dung"), max_length=40)
    text = models.TextField(_("nội dung đã đồng ý"))
    given_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("sự đồng ý xử lý dữ liệu cá nhân")
        verbose_name_plural = _("sự đồng ý xử lý dữ liệu cá nhân")
        constraints = [
            models.CheckConstraint(
                condition=(Q(dossier__isnull=False) & Q(petition__isnull=True))
                | (Q(dossier__isnull=True) & Q(petition__isnull=False)),
                name="consent_for_one_record",
            )
        ]

    def __str__(self) -> str:
        record = self.dossier or self.petition
        return f"{self.text_version} {record}"
