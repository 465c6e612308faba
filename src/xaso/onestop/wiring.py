"""How the one-stop module plugs into the rest: role permissions, the menu, and the two
resolution measures it feeds live (targets registry)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def connect() -> None:
    from xaso.core import access, navigation
    from xaso.core.models import AUDIT_ACTION_LABELS, Role
    from xaso.onestop import indicators
    from xaso.onestop import permissions as p
    from xaso.targets import registry

    access.grant(Role.ONESTOP_OFFICER, p.VIEW, p.RECEIVE, p.VIEW_PERSONAL)
    access.grant(Role.SPECIALIST, p.VIEW, p.PROCESS, p.VIEW_PERSONAL)
    access.grant(Role.LEADER, p.VIEW, p.PROCESS, p.VIEW_PERSONAL)
    access.grant(Role.STATISTICS, p.VIEW)
    access.grant(Role.ADMINISTRATOR, p.VIEW, p.MANAGE_CATALOGUE)

    navigation.register(
        navigation.NavEntry(
            "onestop:queue",
            _("Một cửa"),
            p.VIEW,
            _("Tiếp nhận, xử lý, trả kết quả hồ sơ thủ tục hành chính"),
            pending=indicators.pending_for,
        )
    )
    navigation.register(
        navigation.NavEntry(
            "onestop:statistics",
            _("Thống kê một cửa"),
            p.VIEW,
            _("Hồ sơ tiếp nhận, giải quyết, chỉ số Quyết định 766"),
        )
    )
    AUDIT_ACTION_LABELS.update(
        {
            "dossier_intake": _("tiếp nhận hồ sơ"),
            "dossier_receive": _("tiếp nhận hồ sơ"),
            "dossier_refuse": _("từ chối hồ sơ"),
            "dossier_request_supplement": _("yêu cầu bổ sung"),
            "dossier_complete_supplement": _("bổ sung xong"),
            "dossier_transfer": _("chuyển xử lý"),
            "dossier_request_payment": _("yêu cầu nộp phí"),
            "dossier_confirm_payment": _("xác nhận đã nộp"),
            "dossier_stop": _("dừng xử lý"),
            "dossier_withdraw": _("rút hồ sơ"),
            "dossier_complete": _("có kết quả"),
            "dossier_return_result": _("trả kết quả"),
            "dossier_reschedule": _("hẹn lại"),
            "dossier_pay": _("nộp phí, lệ phí"),
            "dossier_rate": _("đánh giá hài lòng"),
        }
    )
    registry.source(
        "onestop.digitised_dossiers",
        label=_("Hồ sơ một cửa: số hồ sơ, kết quả được số hóa"),
        many=indicators.digitised_by_year,
    )(indicators.digitised_observation)
    registry.source(
        "onestop.full_online_services",
        label=_("Danh mục thủ tục: dịch vụ công trực tuyến toàn trình"),
    )(indicators.full_online_observation)
