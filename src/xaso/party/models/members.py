"""The Đảng bộ's cells (chi bộ), their committees, and member files (hồ sơ đảng viên).

A cell is an ``OrgUnit`` of kind PARTY under the Đảng ủy's unit, so every Party record
belongs to a unit and ``core.access`` reaches it like any other. A member's status and
cell change only through ``services``, each change a dated record (``StatusChange``,
``Transfer``): the history is kept, nothing is overwritten.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit
from xaso.core.vietnamese import nfc, search_key


class CellKind(models.TextChoices):
    VILLAGE = "village", _("Chi bộ bản")
    AGENCY = "agency", _("Chi bộ cơ quan, đơn vị")


class Cell(models.Model):
    """Chi bộ — a cell of the Đảng bộ xã: a bản cell (tied to its bản) or a cell of an
    agency or unit (school, health station, police, military, agencies)."""

    org_unit = models.OneToOneField(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="party_cell"
    )
    kind = models.CharField(_("loại chi bộ"), max_length=10, choices=CellKind.choices)
    village = models.OneToOneField(
        OrgUnit,
        verbose_name=_("bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="village_party_cell",
    )
    source = models.CharField(_("nguồn"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("chi bộ")
        verbose_name_plural = _("chi bộ")
        ordering = ["org_unit__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="agency", village__isnull=True)
                | Q(kind="village", village__isnull=False),
                name="party_cell_village_iff_village_kind",
            ),
        ]

    def __str__(self) -> str:
        if self.org_unit.name:
            return self.org_unit.name
        if self.village_id:
            return _("Chi bộ bản chưa có tên (%(code)s)") % {"code": self.village.code}
        return _("Chi bộ cơ quan, đơn vị chưa có tên (%(code)s)") % {"code": self.org_unit.code}

    @property
    def code(self) -> str:
        return self.org_unit.code


class Status(models.TextChoices):
    OFFICIAL = "official", _("Chính thức")
    PROBATIONARY = "probationary", _("Dự bị")
    TRANSFERRED_OUT = "transferred_out", _("Đã chuyển sinh hoạt đi")
    DECEASED = "deceased", _("Từ trần")
    REMOVED = "removed", _("Ra khỏi Đảng")


#: The statuses that count in the Đảng bộ's membership (đảng số).
ACTIVE = (Status.OFFICIAL, Status.PROBATIONARY)


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class GeneralEducation(models.TextChoices):
    PRIMARY = "primary", _("Tiểu học")
    LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
    UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")


class Professional(models.TextChoices):
    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    COLLEGE = "college", _("Cao đẳng")
    UNIVERSITY = "university", _("Đại học")
    POSTGRADUATE = "postgraduate", _("Sau đại học")


class Theory(models.TextChoices):
    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Cao cấp, cử nhân")


class Member(models.Model):
    """Đảng viên — one member's file. Sensitive: read only through ``selectors``, which
    hold the access rule and audit every view of the file. ``org_unit`` is the cell the
    member belongs to now; ``status`` the latest ``StatusChange``."""

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    name_key = models.CharField(max_length=150, db_index=True, editable=False, default="")
    birth_date = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(_("dân tộc"), max_length=40)
    admitted_on = models.DateField(
        _("ngày vào Đảng"), help_text=_("Ngày quyết định kết nạp: tuổi Đảng tính từ ngày này.")
    )
    official_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    card_number = models.CharField(_("số thẻ đảng viên"), max_length=20, blank=True)
    positions = models.CharField(_("chức vụ"), max_length=300, blank=True)
    general_education = models.CharField(
        _("giáo dục phổ thông"), max_length=20, choices=GeneralEducation.choices
    )
    professional = models.CharField(
        _("chuyên môn, nghiệp vụ"),
        max_length=20,
        choices=Professional.choices,
        default=Professional.NONE,
    )
    theory = models.CharField(
        _("lý luận chính trị"), max_length=20, choices=Theory.choices, default=Theory.NONE
    )
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status.choices)
    temporary = models.BooleanField(
        _("sinh hoạt tạm thời"),
        default=False,
        help_text=_("Đảng viên nơi khác đến sinh hoạt tạm thời: không tính vào đảng số."),
    )
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        ordering = ["name_key", "pk"]
        indexes = [models.Index(fields=["org_unit", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["card_number"], condition=~Q(card_number=""), name="party_card_unique"
            ),
            models.CheckConstraint(
                condition=Q(official_on__isnull=True) | Q(official_on__gte=models.F("admitted_on")),
                name="party_official_after_admitted",
            ),
            models.CheckConstraint(
                condition=~Q(status="official") | Q(official_on__isnull=False),
                name="party_official_has_date",
            ),
        ]

    def __str__(self) -> str:
        # Never the name: ``str`` lands in the audit log, which others may read.
        return _("Đảng viên #%(pk)s") % {"pk": self.pk}

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name).strip()
        self.name_key = search_key(self.full_name)
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


class HistoryRecord(models.Model):
    """What every dated record of a member shares: the unit it belongs to (for access),
    who recorded it and when, and the demo mark."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    on = models.DateField(_("ngày"))
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
        abstract = True
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        # The member by number only, as everywhere the audit log may see.
        return f"{self._meta.verbose_name} — {self.member} ({self.on:%d/%m/%Y})"


class StatusChange(HistoryRecord):
    """Biến động đảng viên — the member's status from ``on``: admitted (probationary),
    recognised official, transferred out, deceased, removed."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="status_changes")
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status.choices)

    class Meta(HistoryRecord.Meta):
        verbose_name = _("biến động đảng viên")
        verbose_name_plural = _("biến động đảng viên")


class TransferKind(models.TextChoices):
    OFFICIAL = "official", _("Chính thức")
    TEMPORARY = "temporary", _("Tạm thời")


class Direction(models.TextChoices):
    INTERNAL = "internal", _("Giữa các chi bộ trong Đảng bộ")
    OUT = "out", _("Ra ngoài Đảng bộ")
    IN = "in", _("Từ nơi khác đến")


class Transfer(HistoryRecord):
    """Chuyển sinh hoạt Đảng — official (the member's roll moves) or temporary (the
    member keeps the roll and attends elsewhere until ``until``), between two cells of
    the Đảng bộ, out of it or into it, with the introduction letter's number."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="transfers")
    kind = models.CharField(_("hình thức"), max_length=10, choices=TransferKind.choices)
    direction = models.CharField(_("chiều"), max_length=10, choices=Direction.choices)
    from_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("chi bộ đi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("chi bộ đến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    other_organisation = models.CharField(_("tổ chức đảng nơi khác"), max_length=200, blank=True)
    until = models.DateField(_("đến ngày"), null=True, blank=True)
    letter_number = models.CharField(_("số giấy giới thiệu"), max_length=40, blank=True)

    class Meta(HistoryRecord.Meta):
        verbose_name = _("chuyển sinh hoạt Đảng")
        verbose_name_plural = _("chuyển sinh hoạt Đảng")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("on")),
                name="party_transfer_until_after_on",
            ),
        ]


class Position(models.TextChoices):
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY = "deputy", _("Phó bí thư")
    MEMBER = "member", _("Chi ủy viên")


class Committee(models.Model):
    """Cấp ủy chi bộ — a cell's leadership for one term: a chi ủy (``elected``, when the
    cell has enough official members) or a secretary (and deputy) alone. A new term ends
    the previous one (``ended_on``); nothing is deleted."""

    cell = models.ForeignKey(Cell, on_delete=models.PROTECT, related_name="committees")
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    elected = models.BooleanField(_("có chi ủy"), default=False)
    term_start = models.DateField(_("nhiệm kỳ từ"))
    term_end = models.DateField(_("nhiệm kỳ đến"), null=True, blank=True)
    ended_on = models.DateField(_("thôi từ ngày"), null=True, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("cấp ủy chi bộ")
        verbose_name_plural = _("cấp ủy chi bộ")
        ordering = ["-term_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gt=models.F("term_start")),
                name="party_committee_term",
            ),
            # One current committee per cell: a new term ends the old one first.
            models.UniqueConstraint(
                fields=["cell"], condition=Q(ended_on__isnull=True), name="party_one_committee"
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.cell} ({self.term_start:%d/%m/%Y})"


class Seat(models.Model):
    """One member's place in a committee: secretary, deputy or member of the chi ủy."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="seats")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="seats")
    position = models.CharField(_("chức vụ"), max_length=10, choices=Position.choices)

    class Meta:
        verbose_name = _("cấp ủy viên")
        verbose_name_plural = _("cấp ủy viên")
        constraints = [
            models.UniqueConstraint(fields=["committee", "member"], name="party_seat_once"),
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(position="secretary"),
                name="party_one_secretary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_position_display()} — {self.member}"
