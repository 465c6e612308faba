"""How the petitions module plugs in (see ``core.plugins``): role permissions, the menu,
audit verbs, its demo petitions and dialogues."""

from django.utils.translation import gettext_lazy as _

from xaso.core.models import Role
from xaso.core.plugins import Manifest, Nav, OverviewPanel
from xaso.petitions import permissions as p

MANIFEST = Manifest(
    app="petitions",
    grants={
        Role.RECEPTION: [p.VIEW, p.RECEIVE, p.VIEW_PERSONAL],
        Role.LEADER: [p.VIEW, p.RECEIVE, p.DECIDE, p.VIEW_PERSONAL],
        Role.STATISTICS: [p.VIEW],
        Role.ADMINISTRATOR: [p.VIEW],
    },
    navigation=(
        Nav(
            "petitions:list",
            _("Đơn thư"),
            p.VIEW,
            _("Tiếp công dân, khiếu nại, tố cáo, kiến nghị, phản ánh; hạn giải quyết"),
            pending="xaso.petitions.selectors:late_count",
        ),
    ),
    audit_labels={
        "petition_recalculate": _("tính lại hạn đơn thư theo lịch nghỉ mới"),
        "petition_receive": _("tiếp nhận đơn thư"),
        "petition_reclassify": _("phân loại lại đơn thư"),
        "petition_accept": _("thụ lý đơn thư"),
        "petition_refuse": _("không thụ lý đơn thư"),
        "petition_forward": _("chuyển đơn thư"),
        "petition_verify": _("xác minh đơn thư"),
        "petition_conclude": _("kết luận đơn thư"),
        "petition_notify": _("thông báo kết quả đơn thư"),
        "petition_close": _("kết thúc đơn thư"),
        "petition_extend": _("gia hạn giải quyết đơn thư"),
        "petition_assign": _("phân công xử lý đơn thư"),
        "view_identity": _("xem danh tính người gửi đơn"),
        "petition_attach": _("đính kèm tệp vào đơn thư"),
        "reception_session_record": _("ghi buổi tiếp công dân"),
        "dialogue_record": _("ghi buổi đối thoại"),
        "dialogue_action_done": _("hoàn thành việc sau đối thoại"),
    },
    demo="xaso.petitions.demo:load",
    overview=(
        OverviewPanel("petitions/_overview.html", "xaso.petitions.overview:panel", order=30),
    ),
    calendar_changed="xaso.petitions.services:petitions_recalculate_due",
)
