"""Đảng phí: what each member owes per month and what they paid.

The amount due is not stored: it follows from the member's income kind and base in
force that month (``DuesBasis``, a dated history — a new row from a new day, nothing
overwritten) and the rules of the day (``rules``: dues_*), computed by ``party.dues``.
A payment is one row per member and month: the amount, the day, how it was paid.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit
from xaso.party.models.members import Member

__all__ = ["WITH_BASE", "DuesBasis", "DuesPayment", "IncomeKind", "PaymentMethod"]


class IncomeKind(models.TextChoices):
    INSURED = "insured", _("Đóng bảo hiểm xã hội bắt buộc (theo tiền lương)")
    PENSIONER = "pensioner", _("Hưởng lương hưu")
    STUDENT = "student", _("Học sinh, sinh viên")
    OTHER = "other", _("Đảng viên khác (mức cố định)")


#: The kinds whose due is a share of an amount (the base must be given).
WITH_BASE = (IncomeKind.INSURED, IncomeKind.PENSIONER)


class DuesBasis(models.Model):
    """Căn cứ đóng đảng phí — the member's kind of income and its amount (last month's
    insured salary, the pension) from ``valid_from`` until the next row."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_bases")
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    income_kind = models.CharField(_("loại thu nhập"), max_length=10, choices=IncomeKind.choices)
    base = models.DecimalField(
        _("tiền lương, lương hưu làm căn cứ (đồng/tháng)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
    )
    valid_from = models.DateField(_("áp dụng từ ngày"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("căn cứ đóng đảng phí")
        verbose_name_plural = _("căn cứ đóng đảng phí")
        ordering = ["member", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["member", "valid_from"], name="party_dues_basis_once"),
            models.CheckConstraint(
                condition=Q(base__isnull=True) | Q(base__gte=0), name="party_dues_base_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} — {self.member} ({self.valid_from:%d/%m/%Y})"


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Nộp tiền mặt cho chi bộ")
    PORTAL = "portal", _("Qua Cổng dịch vụ công quốc gia")


class DuesPayment(models.Model):
    """Đảng phí đã nộp — one member's payment for one month (``month``: its first day)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_payments")
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("tháng"))
    amount = models.DecimalField(_("số tiền (đồng)"), max_digits=14, decimal_places=0)
    paid_on = models.DateField(_("ngày nộp"))
    method = models.CharField(_("hình thức nộp"), max_length=10, choices=PaymentMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("đảng phí đã nộp")
        verbose_name_plural = _("đảng phí đã nộp")
        ordering = ["month", "member"]
        indexes = [models.Index(fields=["org_unit", "month"])]
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="party_dues_month_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="party_dues_amount_positive"),
            models.CheckConstraint(condition=Q(month__day=1), name="party_dues_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} — {self.member} ({self.month:%m/%Y})"
