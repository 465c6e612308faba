"""Annual ratings (đánh giá, xếp loại chất lượng hằng năm) of the cells and members.

One rating per subject and year — a cell's own (``member`` empty) or one member's —
kept in the cell it was rated in (``org_unit``: access reaches it like the member
file). A correction changes the rating and writes a ``RatingChange`` with the reason,
so the history stays; nothing is overwritten without trace.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit
from xaso.party.models.members import Member

__all__ = ["LEVEL_ORDER", "Level", "Rating", "RatingChange"]


class Level(models.TextChoices):
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    DONE = "done", _("Hoàn thành nhiệm vụ")
    FAILED = "failed", _("Không hoàn thành nhiệm vụ")


#: Best first: a level "at least good" is one of the first two.
LEVEL_ORDER = (Level.EXCELLENT, Level.GOOD, Level.DONE, Level.FAILED)


class Rating(models.Model):
    """Xếp loại chất lượng of one year: the cell's own (no ``member``) or a member's."""

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ratings",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    level = models.CharField(_("mức xếp loại"), max_length=10, choices=Level.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
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
        verbose_name = _("xếp loại chất lượng")
        verbose_name_plural = _("xếp loại chất lượng")
        ordering = ["-year", "org_unit__code", "member__name_key", "pk"]
        indexes = [models.Index(fields=["org_unit", "year"])]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"],
                condition=Q(member__isnull=False),
                name="party_rating_member_year",
            ),
            models.UniqueConstraint(
                fields=["org_unit", "year"],
                condition=Q(member__isnull=True),
                name="party_rating_cell_year",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="party_rating_score_range",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2199), name="party_rating_year_range"
            ),
        ]

    def __str__(self) -> str:
        # Never the member's name: ``str`` lands in the audit log.
        if self.member_id:
            return _("Xếp loại đảng viên #%(pk)s năm %(year)s") % {
                "pk": self.member_id,
                "year": self.year,
            }
        return _("Xếp loại chi bộ năm %(year)s") % {"year": self.year}


class RatingChange(models.Model):
    """A correction of a rating: the values before and after, and why."""

    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="changes")
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    old_score = models.DecimalField(
        _("điểm cũ"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    old_level = models.CharField(_("mức cũ"), max_length=10, choices=Level.choices)
    new_score = models.DecimalField(
        _("điểm mới"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    new_level = models.CharField(_("mức mới"), max_length=10, choices=Level.choices)
    reason = models.CharField(_("lý do sửa"), max_length=500)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("thời điểm sửa"), auto_now_add=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("sửa xếp loại")
        verbose_name_plural = _("sửa xếp loại")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} — {self.rating}"
