"""Forms of the Party pages, rendered by the one form renderer (``core.form_rendering``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xaso.core.forms import DATE_WIDGET
from xaso.party.models import Direction, Gender, GeneralEducation, Status, TransferKind

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_HELP = _("Ngày/tháng/năm, ví dụ 02/03/2026.")


class MemberFilterForm(forms.Form):
    """The member list's search: a name (tone marks and đ/d ignored) or a card number,
    a cell, a status."""

    q = forms.CharField(
        label=_("Tìm theo tên hoặc số thẻ"),
        required=False,
        max_length=150,
        help_text=_("Không cần gõ dấu: “dang van duc” tìm được “Đặng Văn Đức”."),
    )
    chi_bo = forms.ChoiceField(label=_("Chi bộ"), required=False)
    tinh_trang = forms.ChoiceField(label=_("Tình trạng"), required=False)

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chi_bo"].choices = [("", _("Tất cả"))] + [(c.code, str(c)) for c in cells]
        self.fields["tinh_trang"].choices = [
            ("", _("Đang sinh hoạt (đảng số)")),
            *Status.choices,
            ("all", _("Tất cả")),
        ]


class TransferForm(forms.Form):
    """Chuyển sinh hoạt Đảng of one member: to another cell or out of the Đảng bộ."""

    kind = forms.ChoiceField(
        label=_("Hình thức"), choices=TransferKind.choices, widget=forms.RadioSelect
    )
    direction = forms.ChoiceField(
        label=pgettext_lazy("party transfer", "Chuyển đến"),
        choices=[
            (Direction.INTERNAL, Direction.INTERNAL.label),
            (Direction.OUT, Direction.OUT.label),
        ],
        widget=forms.RadioSelect,
    )
    to_unit = forms.ChoiceField(
        label=_("Chi bộ đến"),
        required=False,
        help_text=_("Khi chuyển giữa các chi bộ trong Đảng bộ."),
    )
    other_organisation = forms.CharField(
        label=_("Tổ chức đảng nơi đến"),
        required=False,
        max_length=200,
        help_text=_("Khi chuyển ra ngoài Đảng bộ."),
    )
    on = forms.DateField(
        label=_("Ngày chuyển"), input_formats=DATE_FORMATS, help_text=DATE_HELP, widget=DATE_WIDGET
    )
    until = forms.DateField(
        label=_("Sinh hoạt tạm thời đến ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=DATE_HELP,
        widget=DATE_WIDGET,
    )
    letter_number = forms.CharField(label=_("Số giấy giới thiệu"), required=False, max_length=40)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].choices = [("", "")] + [(c.code, str(c)) for c in cells]


# --- admissions ---------------------------------------------------------------------------


def _date(label):
    return forms.DateField(
        label=label, input_formats=DATE_FORMATS, help_text=DATE_HELP, widget=DATE_WIDGET
    )


def _count(label):
    return forms.IntegerField(label=label, min_value=0, max_value=10_000)


class AdmissionStartForm(forms.Form):
    """Giới thiệu quần chúng cảm tình Đảng: the person and who introduces them."""

    cell = forms.ChoiceField(label=_("Chi bộ"))
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    birth_date = _date(_("Ngày sinh"))
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=Gender.choices, widget=forms.RadioSelect
    )
    ethnicity = forms.CharField(label=_("Dân tộc"), max_length=40)
    general_education = forms.ChoiceField(
        label=_("Giáo dục phổ thông"), choices=GeneralEducation.choices
    )
    mass_organisation = forms.CharField(
        label=_("Đoàn thể giới thiệu"),
        max_length=150,
        help_text=_("Ví dụ: Đoàn Thanh niên bản Hẹ, Hội Liên hiệp Phụ nữ xã."),
    )
    introduced_on = _date(_("Ngày giới thiệu"))

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].choices = [("", "")] + [(c.code, str(c)) for c in cells]


#: Each step's inputs (name → field); the names are those ``admissions`` reads.
STEP_FIELDS = {
    "train": {
        "certificate_number": lambda: forms.CharField(label=_("Số giấy chứng nhận"), max_length=40),
        "certificate_on": lambda: _date(_("Ngày cấp giấy chứng nhận")),
    },
    "assign_helpers": {
        "helper_1": lambda: forms.ChoiceField(label=_("Đảng viên giúp đỡ thứ nhất")),
        "helper_2": lambda: forms.ChoiceField(label=_("Đảng viên giúp đỡ thứ hai")),
        "helpers_on": lambda: _date(_("Ngày phân công")),
    },
    "check_history": {"checked_on": lambda: _date(_("Ngày hoàn thành thẩm tra lý lịch"))},
    "cell_vote": {
        "meeting_on": lambda: _date(_("Ngày chi bộ họp xét")),
        "votes_for": lambda: _count(_("Số đảng viên chính thức đồng ý")),
        "votes_total": lambda: _count(_("Tổng số đảng viên chính thức của chi bộ")),
    },
    "resolve": {
        "resolution_number": lambda: forms.CharField(
            label=_("Số nghị quyết của đảng ủy"), max_length=40
        ),
        "resolution_on": lambda: _date(_("Ngày nghị quyết")),
    },
    "decide": {
        "decision_number": lambda: forms.CharField(label=_("Số quyết định kết nạp"), max_length=40),
        "decision_on": lambda: _date(_("Ngày quyết định")),
    },
    "ceremony": {"ceremony_on": lambda: _date(_("Ngày lễ kết nạp"))},
    "recognise": {
        "review_on": lambda: _date(_("Ngày chi bộ xét công nhận")),
        "review_votes_for": lambda: _count(_("Số đảng viên chính thức đồng ý")),
        "review_votes_total": lambda: _count(_("Tổng số đảng viên chính thức của chi bộ")),
    },
    "not_recognise": {
        "review_on": lambda: _date(_("Ngày chi bộ xét")),
        "reason": lambda: forms.CharField(label=_("Lý do"), max_length=500),
    },
    "stop": {
        "closed_on": lambda: _date(_("Ngày dừng")),
        "reason": lambda: forms.CharField(label=_("Lý do"), max_length=500),
    },
}


class AdmissionStepForm(forms.Form):
    """The one form of an admission's step: its own inputs only (``STEP_FIELDS``)."""

    def __init__(self, *args, action: str, helpers=(), **kwargs):
        kwargs.setdefault("prefix", action)
        super().__init__(*args, **kwargs)
        self.action = action
        for name, make in STEP_FIELDS[action].items():
            self.fields[name] = make()
            if name.startswith("helper_"):
                self.fields[name].choices = [("", "")] + [(str(m.pk), m.full_name) for m in helpers]
