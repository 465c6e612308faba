"""Accounts, roles and the units they are held over."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from xaso.core.models.units import OrgUnit
from xaso.core.vietnamese import nfc, search_key


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
