"""Org units, users and roles, the audit log and the working-day calendar's data.

Everything later modules record belongs to an ``OrgUnit``; every write leaves an
``AuditEntry``; every deadline is computed over the calendar kept here.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
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


class User(AbstractUser):
    """Người dùng — an official's account. Citizens use the public pages without one."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    job_title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị công tác"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    is_demo = models.BooleanField(_("tài khoản demo"), default=False)
    name_key = models.CharField(max_length=150, db_index=True, editable=False, default="")

    objects = UserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.name_key = search_key(self.full_name)
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    """Vai trò — what an official does; granted over an org unit and its subtree."""

    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")
    LEADER = "leader", _("Lãnh đạo")
    ONESTOP_OFFICER = "onestop_officer", _("Cán bộ một cửa")
    SPECIALIST = "specialist", _("Công chức chuyên môn")
    PARTY_OFFICE = "party_office", _("Văn phòng Đảng ủy")
    STATISTICS = "statistics", _("Thống kê")
    RECEPTION = "reception", _("Tiếp công dân")


class Field(models.TextChoices):
    """Lĩnh vực chuyên môn of a specialist (công chức chuyên môn)."""

    JUSTICE_CIVIL_STATUS = "justice_civil_status", _("Tư pháp – hộ tịch")
    LAND = "land", _("Địa chính – xây dựng – môi trường")
    CULTURE_SOCIAL = "culture_social", _("Văn hóa – xã hội")
    FINANCE = "finance", _("Tài chính – kế toán")
    OFFICE = "office", _("Văn phòng – thống kê")
    SECURITY = "security", _("Công an – quân sự")


class RoleAssignment(models.Model):
    """Phân quyền — one role of one user over one org unit and everything under it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("phạm vi"), on_delete=models.PROTECT, related_name="+"
    )
    field = models.CharField(_("lĩnh vực"), max_length=30, choices=Field.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "org_unit", "field"], name="roleassignment_unique"
            ),
        ]

    def __str__(self) -> str:
        field = f" ({self.get_field_display()})" if self.field else ""
        return f"{self.get_role_display()}{field} — {self.org_unit}"


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


class HolidayRule(models.Model):
    """Ngày nghỉ lễ, Tết theo luật — a statutory holiday as data (Labor Code 2019 Art. 112).

    Kept as rows, not code, so a new holiday voted into law is added by the
    administrator with its legal basis, from the year it applies.
    """

    class Calendar(models.TextChoices):
        SOLAR = "solar", _("Dương lịch")
        LUNAR = "lunar", _("Âm lịch")

    name = models.CharField(_("tên ngày lễ"), max_length=120)
    calendar = models.CharField(_("lịch"), max_length=5, choices=Calendar.choices)
    month = models.PositiveSmallIntegerField(_("tháng"))
    day = models.PositiveSmallIntegerField(_("ngày"))
    days = models.PositiveSmallIntegerField(_("số ngày nghỉ"), default=1)
    offset = models.SmallIntegerField(
        _("bắt đầu trước (ngày)"),
        default=0,
        help_text=_("Số ngày (âm) trước ngày mốc mà kỳ nghỉ bắt đầu, ví dụ Tết: -1."),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    first_year = models.PositiveSmallIntegerField(_("áp dụng từ năm"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("áp dụng đến năm"), null=True, blank=True)

    class Meta:
        verbose_name = _("ngày lễ theo luật")
        verbose_name_plural = _("ngày lễ theo luật")
        ordering = ["calendar", "month", "day"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        limit = 30 if self.calendar == self.Calendar.LUNAR else 31
        errors = {}
        if not 1 <= (self.month or 0) <= 12:
            errors["month"] = _("Tháng phải từ 1 đến 12.")
        if not 1 <= (self.day or 0) <= limit:
            errors["day"] = _("Ngày phải từ 1 đến %(n)s.") % {"n": limit}
        if self.calendar == self.Calendar.SOLAR and not errors:
            import datetime

            try:
                datetime.date(2024, self.month, self.day)  # a leap year admits 29/02
            except ValueError:
                errors["day"] = _("Ngày %(d)s/%(m)s không có trong dương lịch.") % {
                    "d": self.day,
                    "m": self.month,
                }
        if self.first_year and self.last_year and self.last_year < self.first_year:
            errors["last_year"] = _("Năm kết thúc phải sau năm bắt đầu.")
        if errors:
            raise ValidationError(errors)


class CalendarOverride(models.Model):
    """Điều chỉnh lịch năm — a day off added or a make-up working day, from the
    Prime Minister's yearly notice (or a province's decision when ``org_unit`` is set).
    """

    date = models.DateField(_("ngày"))
    day_off = models.BooleanField(
        _("là ngày nghỉ"), help_text=_("Bỏ chọn nếu đây là ngày làm bù (làm việc).")
    )
    reason = models.CharField(_("lý do"), max_length=200)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("áp dụng cho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calendar_overrides",
        help_text=_("Để trống: áp dụng toàn quốc."),
    )

    class Meta:
        verbose_name = _("điều chỉnh lịch")
        verbose_name_plural = _("điều chỉnh lịch")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["date", "org_unit"], name="override_unique_scoped"),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(org_unit__isnull=True),
                name="override_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.reason}"


class OfficeSchedule(models.Model):
    """Giờ làm việc của cơ quan — office hours and Saturday-morning opening."""

    org_unit = models.OneToOneField(
        OrgUnit, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="schedule"
    )
    morning_start = models.TimeField(_("sáng từ"), default="07:30")
    morning_end = models.TimeField(_("sáng đến"), default="11:30")
    afternoon_start = models.TimeField(_("chiều từ"), default="13:30")
    afternoon_end = models.TimeField(_("chiều đến"), default="17:00")
    saturday_morning = models.BooleanField(_("mở cửa sáng thứ Bảy"), default=False)

    class Meta:
        verbose_name = _("giờ làm việc")
        verbose_name_plural = _("giờ làm việc")
        constraints = [
            models.CheckConstraint(
                condition=Q(morning_start__lt=models.F("morning_end"))
                & Q(morning_end__lte=models.F("afternoon_start"))
                & Q(afternoon_start__lt=models.F("afternoon_end")),
                name="schedule_hours_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit}: {self.morning_start:%H:%M}–{self.afternoon_end:%H:%M}"


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
