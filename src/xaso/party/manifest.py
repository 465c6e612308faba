"""How the Party module plugs in (see ``core.plugins``): role permissions, the menu,
audit verbs, the resolution measures it feeds live (XD1a–e, XD2, XD3a), its demo
members.

Who sees member files: the Party office (its role held over the Đảng ủy's unit) and the
leaders (their role held over the commune or the Đảng ủy — in a commune the leader role
is held by its Party leadership: the Bí thư, the Phó Bí thư who chairs the People's
Committee). No other role is granted anything here, so no other role sees a list, a
count, a search hit or a link that depends on the membership (docs/architecture.md,
"Party").
"""

from django.utils.translation import gettext_lazy as _

from xaso.core.models import Role
from xaso.core.plugins import Manifest, Nav, TargetSource
from xaso.party import permissions as p

MANIFEST = Manifest(
    app="party",
    grants={
        Role.PARTY_OFFICE: [p.VIEW, p.MANAGE],
        Role.LEADER: [p.VIEW],
    },
    navigation=(
        Nav(
            "party:cells",
            _("Công tác Đảng"),
            p.VIEW,
            _(
                "Chi bộ, đảng viên, kết nạp, chuyển sinh hoạt, Huy hiệu Đảng, kiểm tra, "
                "giám sát, kỷ luật, đảng phí"
            ),
            pending="xaso.party.selectors:overdue_admissions_count",
        ),
        Nav(
            "party:meetings",
            _("Sinh hoạt và xếp loại chi bộ"),
            p.VIEW,
            _("Sinh hoạt chi bộ hằng tháng, chuyên đề; đánh giá, xếp loại chất lượng hằng năm"),
            pending="xaso.party.rating_selectors:late_cells_count",
        ),
    ),
    audit_labels={
        "party_cell_create": _("lập chi bộ"),
        "party_committee_set": _("ghi cấp ủy chi bộ"),
        "party_member_create": _("ghi hồ sơ đảng viên"),
        "party_member_update": _("sửa hồ sơ đảng viên"),
        "party_member_status": _("ghi biến động đảng viên"),
        "party_member_transfer": _("chuyển sinh hoạt Đảng"),
        "party_member_view": _("xem hồ sơ đảng viên"),
        "party_document_view": _("xem, tải văn bản về đảng viên"),
        "party_admission_start": _("giới thiệu quần chúng cảm tình Đảng"),
        "party_admission_record": _("ghi quá trình kết nạp đã có"),
        "party_admission_train": _("ghi giấy chứng nhận lớp nhận thức về Đảng"),
        "party_admission_assign_helpers": _("phân công đảng viên giúp đỡ"),
        "party_admission_check_history": _("ghi thẩm tra lý lịch"),
        "party_admission_cell_vote": _("ghi chi bộ xét kết nạp"),
        "party_admission_resolve": _("ghi nghị quyết đảng ủy về kết nạp"),
        "party_admission_decide": _("ghi quyết định kết nạp"),
        "party_admission_ceremony": _("ghi lễ kết nạp"),
        "party_admission_recognise": _("công nhận đảng viên chính thức"),
        "party_admission_not_recognise": _("không công nhận đảng viên chính thức"),
        "party_admission_stop": _("dừng xem xét kết nạp"),
        "party_rating_enter": _("ghi xếp loại chất lượng hằng năm"),
        "party_rating_correct": _("sửa xếp loại chất lượng hằng năm"),
        "party_meeting_record": _("ghi buổi sinh hoạt chi bộ"),
        "party_programme_create": _("ghi chương trình kiểm tra, giám sát"),
        "party_inspection_record": _("ghi cuộc kiểm tra, giám sát"),
        "party_inspection_conclude": _("ghi kết luận kiểm tra, giám sát"),
        "party_inspection_follow_up": _("ghi hoàn thành khắc phục sau kiểm tra, giám sát"),
        "party_discipline_record": _("ghi quyết định kỷ luật đảng"),
        "party_dues_basis": _("ghi căn cứ đóng đảng phí"),
        "party_dues_payment": _("ghi đảng phí đã nộp"),
        "party_dues_demo": _("tạo đảng phí mẫu (demo)"),
        "party_training_record": _("ghi cử đảng viên đi đào tạo, bồi dưỡng"),
        "party_training_finish": _("ghi kết quả đào tạo, bồi dưỡng"),
        "party_training_demo": _("tạo danh sách cử đi đào tạo mẫu (demo)"),
    },
    target_sources=(
        TargetSource(
            "party.village_cells_with_committee",
            _("Chi bộ bản có chi ủy (cấp ủy đang trong nhiệm kỳ)"),
            supply="xaso.party.indicators:village_cells_with_committee",
            many="xaso.party.indicators:village_cells_with_committee_by_year",
        ),
        TargetSource(
            "party.admissions",
            _("Đảng viên mới kết nạp (theo ngày quyết định kết nạp)"),
            supply="xaso.party.indicators:admissions_decided",
            many="xaso.party.indicators:admissions_decided_years",
        ),
        TargetSource(
            "party.org_rating_good",
            _("Chi bộ trực thuộc xếp loại hoàn thành tốt nhiệm vụ trở lên"),
            supply="xaso.party.indicators:org_rating_good",
            many="xaso.party.indicators:org_rating_good_years",
        ),
        TargetSource(
            "party.member_rating_good",
            _("Đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên"),
            supply="xaso.party.indicators:member_rating_good",
            many="xaso.party.indicators:member_rating_good_years",
        ),
        TargetSource(
            "party.org_rating_excellent",
            _("Chi bộ trực thuộc xếp loại hoàn thành xuất sắc nhiệm vụ"),
            supply="xaso.party.indicators:org_rating_excellent",
            many="xaso.party.indicators:org_rating_excellent_years",
        ),
        TargetSource(
            "party.member_rating_excellent",
            _("Đảng viên xếp loại hoàn thành xuất sắc nhiệm vụ"),
            supply="xaso.party.indicators:member_rating_excellent",
            many="xaso.party.indicators:member_rating_excellent_years",
        ),
        TargetSource(
            "party.cells_meeting_regularly",
            _("Chi bộ sinh hoạt định kỳ đủ các tháng trong năm"),
            supply="xaso.party.indicators:cells_meeting_regularly",
            many="xaso.party.indicators:cells_meeting_regularly_years",
        ),
    ),
    demo="xaso.party.demo:load",
)
