from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def pending_approvals(user) -> int:
    from xaso.core import access
    from xaso.targets import permissions
    from xaso.targets.models import DataValue

    return access.scope(
        user, permissions.APPROVE, DataValue.objects.filter(status=DataValue.Status.SUBMITTED)
    ).count()


class TargetsConfig(AppConfig):
    name = "xaso.targets"
    label = "targets"
    verbose_name = _("Chỉ tiêu nghị quyết")

    def ready(self):
        from xaso.core import access, navigation
        from xaso.core.models import AUDIT_ACTION_LABELS, Role
        from xaso.targets import permissions as p

        for role in Role:
            access.grant(role, p.VIEW)
        access.grant(Role.STATISTICS, p.ENTER)
        access.grant(Role.SPECIALIST, p.ENTER)
        access.grant(Role.PARTY_OFFICE, p.ENTER)
        access.grant(Role.LEADER, p.APPROVE)
        access.grant(Role.ADMINISTRATOR, p.MANAGE)
        navigation.register(
            navigation.NavEntry(
                "targets:dashboard",
                _("Chỉ tiêu"),
                p.VIEW,
                _("25 chỉ tiêu Nghị quyết Đại hội, theo dõi trực tiếp"),
            )
        )
        navigation.register(
            navigation.NavEntry(
                "targets:entry",
                _("Nhập số liệu"),
                p.ENTER,
                _("Nhập, gửi duyệt số liệu chỉ tiêu theo kỳ và đơn vị"),
            )
        )
        navigation.register(
            navigation.NavEntry(
                "targets:approval",
                _("Duyệt số liệu"),
                p.APPROVE,
                _("Duyệt số liệu chỉ tiêu đã gửi, mở lại khi cần sửa"),
                pending=pending_approvals,
            )
        )
        navigation.register(
            navigation.NavEntry(
                "targets:definitions",
                _("Định nghĩa chỉ tiêu"),
                p.MANAGE,
                _("Nghị quyết, chỉ tiêu, thành phần, quy tắc kiểm tra"),
            )
        )
        AUDIT_ACTION_LABELS.update(
            {
                "value_enter": _("nhập số liệu"),
                "value_submit": _("gửi duyệt số liệu"),
                "value_approve": _("duyệt số liệu"),
                "value_reopen": _("mở lại số liệu đã duyệt"),
            }
        )
