"""How the targets module plugs in (see ``core.plugins``): role permissions, the menu,
audit verbs, its demo values, its panel of the leader's overview."""

from django.utils.translation import gettext_lazy as _

from xaso.core.models import Role
from xaso.core.plugins import Manifest, Nav, OverviewPanel
from xaso.targets import permissions as p

MANIFEST = Manifest(
    app="targets",
    grants={
        **{role: [p.VIEW] for role in Role},
        Role.STATISTICS: [p.VIEW, p.ENTER],
        Role.SPECIALIST: [p.VIEW, p.ENTER],
        Role.PARTY_OFFICE: [p.VIEW, p.ENTER],
        Role.LEADER: [p.VIEW, p.APPROVE],
        Role.ADMINISTRATOR: [p.VIEW, p.MANAGE],
    },
    navigation=(
        Nav(
            "targets:dashboard",
            _("Chỉ tiêu"),
            p.VIEW,
            _("25 chỉ tiêu Nghị quyết Đại hội, theo dõi trực tiếp"),
        ),
        Nav(
            "targets:entry",
            _("Nhập số liệu"),
            p.ENTER,
            _("Nhập, gửi duyệt số liệu chỉ tiêu theo kỳ và đơn vị"),
        ),
        Nav(
            "targets:approval",
            _("Duyệt số liệu"),
            p.APPROVE,
            _("Duyệt số liệu chỉ tiêu đã gửi, mở lại khi cần sửa"),
            pending="xaso.targets.selectors:pending_approvals",
        ),
        Nav(
            "targets:definitions",
            _("Định nghĩa chỉ tiêu"),
            p.MANAGE,
            _("Nghị quyết, chỉ tiêu, thành phần, quy tắc kiểm tra"),
        ),
    ),
    audit_labels={
        "value_enter": _("nhập số liệu"),
        "value_submit": _("gửi duyệt số liệu"),
        "value_approve": _("duyệt số liệu"),
        "value_reopen": _("mở lại số liệu đã duyệt"),
    },
    demo="xaso.targets.demo:load",
    overview=(OverviewPanel("targets/_overview.html", "xaso.targets.overview:panel", order=10),),
)
