"""Per-day counters behind record codes, and failure counters behind throttling."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xaso.core.models.units import OrgUnit


class DailyCounter(models.Model):
    """The day's last sequence number per unit, for codes (see ``core.codes``)."""

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.org_unit_id} {self.day}: {self.last}"


class Throttle(models.Model):
    """Lần thử sai — failures counted per key (``core.throttle``): a login per account and
    per client, a public look-up per client. Attempts refused while locked are counted
    here, not written to the audit log."""

    key = models.CharField(max_length=200, unique=True)  # "account:<name>", "client:<ip>"…
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)
    refused = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lần thử sai")
        verbose_name_plural = _("lần thử sai")

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"
