"""The menu and the home page, per role. A module adds its entry with ``register``
when it arrives; an entry shows only to users holding its permission."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xaso.core import access


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str
    permission: str
    description: str = ""
    # What waits for this user here (e.g. values to approve), shown on the home tile.
    pending: Callable[[object], int] | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


ENTRIES: list[NavEntry] = [
    NavEntry(
        "core:org_units",
        _("Đơn vị"),
        access.VIEW_ORG,
        _("Xã, các bản, cơ quan, trường học, trạm y tế"),
    ),
    NavEntry(
        "core:calendar",
        _("Lịch làm việc"),
        access.VIEW_CALENDAR,
        _("Ngày nghỉ lễ, ngày làm bù, tính hạn giải quyết"),
    ),
    NavEntry("core:users", _("Tài khoản"), access.MANAGE_USERS, _("Người dùng, vai trò, phạm vi")),
    NavEntry(
        "core:audit", _("Nhật ký"), access.VIEW_AUDIT, _("Ai đã thay đổi gì, khi nào, từ đâu")
    ),
]


def register(entry: NavEntry) -> None:
    if entry not in ENTRIES:
        ENTRIES.append(entry)


def menu_for(user) -> list[NavEntry]:
    if not user.is_authenticated:
        return []
    return [e for e in ENTRIES if access.allowed(user, e.permission)]


def home_sections(user) -> list[tuple[NavEntry, int | None]]:
    """The home page's tiles, each with the number of items waiting for the user."""
    return [(e, e.pending(user) if e.pending else None) for e in menu_for(user)]
