"""How the one-stop module plugs in (see ``core.plugins``): role permissions, the menu,
audit verbs, the two resolution measures it feeds live, its demo dossiers."""

from django.utils.translation import gettext_lazy as _

from xaso.core.models import Role
from xaso.core.plugins import Manifest, Nav, OverviewPanel, TargetSource
from xaso.onestop import permissions as p

MANIFEST = Manifest(
    app="onestop",
    grants={
        Role.ONESTOP_OFFICER: [p.VIEW, p.RECEIVE, p.VIEW_PERSONAL],
        Role.SPECIALIST: [p.VIEW, p.PROCESS, p.VIEW_PERSONAL],
        Role.LEADER: [p.VIEW, p.PROCESS, p.VIEW_PERSONAL],
        Role.STATISTICS: [p.VIEW],
        Role.ADMINISTRATOR: [p.VIEW, p.MANAGE_CATALOGUE],
    },
    navigation=(
        Nav(
            "onestop:queue",
            _("Một cửa"),
            p.VIEW,
            _("Tiếp nhận, xử lý, trả kết quả hồ sơ thủ tục hành chính"),
            pending="xaso.onestop.indicators:pending_for",
        ),
        Nav(
            "onestop:statistics",
            _("Thống kê một cửa"),
            p.VIEW,
            _("Hồ sơ tiếp nhận, giải quyết, chỉ số Quyết định 766"),
        ),
    ),
    audit_labels={
        "dossier_recalculate": _("tính lại hạn hồ sơ theo lịch nghỉ mới"),
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
        "dossier_fee_priced": _("tính phí theo mức của tỉnh"),
        "province_fee_set": _("nhập mức thu phí, lệ phí của tỉnh"),
    },
    target_sources=(
        TargetSource(
            "onestop.digitised_dossiers",
            _("Hồ sơ một cửa: số hồ sơ, kết quả được số hóa"),
            supply="xaso.onestop.indicators:digitised_observation",
            many="xaso.onestop.indicators:digitised_by_year",
        ),
        TargetSource(
            "onestop.full_online_services",
            _("Danh mục thủ tục: dịch vụ công trực tuyến toàn trình"),
            supply="xaso.onestop.indicators:full_online_observation",
        ),
    ),
    demo="xaso.onestop.demo:load",
    overview=(OverviewPanel("onestop/_overview.html", "xaso.onestop.overview:panel", order=20),),
    calendar_changed="xaso.onestop.services:dossiers_recalculate_due",
)
