"""How the platform's own pages plug in (see ``core.plugins``). Core's permissions are
in ``core.access.CORE_PERMISSIONS``."""

from django.utils.translation import gettext_lazy as _

from xaso.core import access
from xaso.core.plugins import Manifest, Nav

MANIFEST = Manifest(
    app="core",
    navigation=(
        Nav(
            "core:org_units",
            _("Đơn vị"),
            access.VIEW_ORG,
            _("Xã, các bản, cơ quan, trường học, trạm y tế"),
        ),
        Nav(
            "core:calendar",
            _("Lịch làm việc"),
            access.VIEW_CALENDAR,
            _("Ngày nghỉ lễ, ngày làm bù, tính hạn giải quyết"),
        ),
        Nav("core:users", _("Tài khoản"), access.MANAGE_USERS, _("Người dùng, vai trò, phạm vi")),
        Nav("core:audit", _("Nhật ký"), access.VIEW_AUDIT, _("Ai đã thay đổi gì, khi nào, từ đâu")),
    ),
    audit_labels={
        "create": _("tạo"),
        "update": _("sửa"),
        "delete": _("xóa"),
        "login": _("đăng nhập"),
        "logout": _("đăng xuất"),
        "login_failed": _("đăng nhập không thành công"),
        "login_locked": _("tạm khóa đăng nhập do sai nhiều lần"),
        "login_unlock": _("mở khóa đăng nhập"),
        "locked": _("tạm chặn do thử sai nhiều lần"),
        "holiday_notice_enter": _("nhập thông báo lịch nghỉ lễ, Tết"),
        "password_change": _("đổi mật khẩu"),
        "role_grant": _("giao vai trò"),
        "role_revoke": _("thu hồi vai trò"),
        "bench_dataset": _("tạo dữ liệu benchmark"),
    },
)
