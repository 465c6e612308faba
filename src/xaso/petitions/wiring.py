"""How the petitions module plugs in: role permissions and audit verbs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def connect() -> None:
    from xaso.core import access, navigation
    from xaso.core.models import AUDIT_ACTION_LABELS, Role
    from xaso.petitions import permissions as p
    from xaso.petitions import selectors

    access.grant(Role.RECEPTION, p.VIEW, p.RECEIVE, p.VIEW_PERSONAL)
    access.grant(Role.LEADER, p.VIEW, p.RECEIVE, p.DECIDE, p.VIEW_PERSONAL)
    access.grant(Role.STATISTICS, p.VIEW)
    access.grant(Role.ADMINISTRATOR, p.VIEW)

    navigation.register(
        navigation.NavEntry(
            "petitions:list",
            _("Đơn thư"),
            p.VIEW,
            _("Tiếp công dân, khiếu nại, tố cáo, kiến nghị, phản ánh; hạn giải quyết"),
            pending=lambda user: selectors.late(user).count(),
        )
    )
    AUDIT_ACTION_LABELS.update(
        {
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
        }
    )
