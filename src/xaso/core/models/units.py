"""Org units: the commune, its bản, agencies — the tree every record belongs to."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core.vietnamese import nfc, search_key


class OrgUnit(models.Model):
    """Đơn vị hành chính, cơ quan, tổ chức — one node of the administrative tree.

    ``path`` holds the codes from the root ("/14/03763/03763-B01/") so that "this
    unit and everything under it" is one indexed prefix query on both databases.
    A merger is recorded by closing the old units (``valid_to``) and pointing them
    at their ``successor``; nothing is overwritten.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh")
        COMMUNE = "commune", _("Xã")
        VILLAGE = "village", _("Bản")
        PARTY = "party", _("Tổ chức Đảng")
        COUNCIL = "council", _("Hội đồng nhân dân")
        COMMITTEE = "committee", _("Ủy ban nhân dân")
        SERVICE_CENTER = "service_center", _("Trung tâm phục vụ hành chính công")
        MASS_ORG = "mass_org", _("Mặt trận Tổ quốc, đoàn thể")
        SCHOOL = "school", _("Trường học")
        HEALTH_STATION = "health_station", _("Trạm y tế")

    code = models.CharField(_("mã"), max_length=40, unique=True)
    gov_code = models.CharField(
        _("mã hành chính"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9][A-Z0-9.]{0,19}$",
                _("Mã hành chính chỉ gồm chữ số, chữ in hoa và dấu chấm."),
            )
        ],
        help_text=_(
            "Mã theo danh mục đơn vị hành chính (Quyết định 19/2025/QĐ-TTg: tỉnh 2 chữ số, "
            "xã 5 chữ số) hoặc mã định danh cơ quan (Thông tư 10/2016/TT-BTTTT), nếu có. "
            "Mã đứng đầu mã hồ sơ, mã đơn: chỉ quản trị cài đặt được đổi."
        ),
    )
    name = models.CharField(
        _("tên"),
        max_length=200,
        blank=True,
        help_text=_("Để trống khi báo cáo chưa nêu tên; xã sẽ bổ sung."),
    )
    name_key = models.CharField(max_length=200, db_index=True, editable=False, default="")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    remote_area = models.BooleanField(
        _("xã vùng sâu, vùng xa, đặc biệt khó khăn"),
        default=False,
        help_text=_(
            "Thời hạn giải quyết khiếu nại dài hơn (Luật Khiếu nại 2011, Điều 28). Danh sách "
            "do Thủ tướng Chính phủ quyết định; ghi căn cứ bên dưới."
        ),
    )
    remote_area_basis = models.CharField(
        _("căn cứ xác định vùng sâu, vùng xa"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_period",
            ),
            # Codes of dossiers and petitions start with it: two units sharing one would
            # number into each other's codes.
            models.UniqueConstraint(
                fields=["gov_code"], condition=~Q(gov_code=""), name="orgunit_gov_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        self.name = nfc(self.name)
        self.name_key = search_key(self.name)
        parent_path = self.parent.path if self.parent_id else "/"
        self.path = f"{parent_path}{self.code}/"
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        if self.name:
            prefix = {"village": "Bản", "commune": "Xã", "province": "Tỉnh"}.get(self.kind, "")
            return f"{prefix} {self.name}".strip() if prefix else self.name
        return _("%(kind)s chưa có tên (%(code)s)") % {
            "kind": self.get_kind_display(),
            "code": self.code,
        }

    @property
    def is_named(self) -> bool:
        return bool(self.name)

    def is_active_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def is_active(self) -> bool:
        return self.is_active_on(timezone.localdate())

    #: Decision 19/2025/QĐ-TTg: provinces have 2-digit codes, communes 5-digit codes.
    GOV_CODE_DIGITS = {"province": 2, "commune": 5}

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.remote_area and not self.remote_area_basis.strip():
            errors["remote_area_basis"] = _(
                "Hãy ghi căn cứ (quyết định) xác định vùng sâu, vùng xa."
            )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("Ngày ngừng hoạt động không được trước ngày bắt đầu.")
        digits = self.GOV_CODE_DIGITS.get(self.kind)
        if (
            self.gov_code
            and digits
            and not (self.gov_code.isdigit() and len(self.gov_code) == digits)
        ):
            errors["gov_code"] = _("Mã hành chính của %(kind)s gồm đúng %(n)s chữ số.") % {
                "kind": self.get_kind_display().lower(),
                "n": digits,
            }
        # A code heads the codes of records: it must not be another unit's code either.
        others = OrgUnit.objects.exclude(pk=self.pk)
        if (
            self.gov_code
            and "gov_code" not in errors
            and (others.filter(Q(gov_code=self.gov_code) | Q(code=self.gov_code)).exists())
        ):
            errors["gov_code"] = _("Mã hành chính %(code)s đã thuộc đơn vị khác.") % {
                "code": self.gov_code
            }
        if self.code and others.filter(gov_code=self.code.strip().upper()).exists():
            errors["code"] = _("Mã %(code)s là mã hành chính của đơn vị khác.") % {
                "code": self.code
            }
        if errors:
            raise ValidationError(errors)

    def in_remote_area(self) -> bool:
        """Whether the commune this unit lies in is marked remote and especially
        difficult (the longer complaint limits of Law 02/2011/QH13 Art. 28 apply)."""
        commune = self.commune()
        return bool(commune and commune.remote_area)

    def contains(self, other: OrgUnit) -> bool:
        """True when ``other`` is this unit or lies under it."""
        return other.path.startswith(self.path)

    def ancestors_codes(self) -> list[str]:
        return [c for c in self.path.split("/") if c]

    def enclosing(self, kind: str) -> OrgUnit | None:
        """The nearest unit of ``kind`` that is this unit or lies above it (one query,
        through the codes of ``path``; remembered on the instance)."""
        cache = self.__dict__.setdefault("_enclosing", {})
        if kind not in cache:
            if self.kind == kind:
                cache[kind] = self
            else:
                codes = self.ancestors_codes()
                found = {u.code: u for u in OrgUnit.objects.filter(code__in=codes, kind=kind)}
                cache[kind] = next((found[c] for c in reversed(codes) if c in found), None)
        return cache[kind]

    def commune(self) -> OrgUnit | None:
        """The commune (xã) this unit is or lies in — the one answer every module uses
        for letterheads, codes, calendars and public pages."""
        return self.enclosing(self.Kind.COMMUNE)

    def province(self) -> OrgUnit | None:
        """The province this unit is or lies in."""
        return self.enclosing(self.Kind.PROVINCE)
