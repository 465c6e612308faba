"""Forms of the pages that write a member's file, a cell's committee and a transfer in,
rendered by the one form renderer (``core.form_rendering``). Each checks its own input
(lengths, real dates, known choices); the rules (ages, dates in order, who may sit on a
committee) are the services' (``services``), whose errors land beside the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.core.forms import DATE_WIDGET
from xaso.party.forms import DATE_FORMATS, DATE_HELP
from xaso.party.models import (
    ACTIVE,
    Gender,
    GeneralEducation,
    Position,
    Professional,
    Status,
    Theory,
    TransferKind,
)


def _date(label, required=True, help_text=DATE_HELP):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=DATE_WIDGET,
    )


class MemberFileForm(forms.Form):
    """The fields of a member's file that may be entered or corrected; status and cell
    change only through their own pages (status change, transfer)."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    birth_date = _date(_("Ngày sinh"))
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=Gender.choices, widget=forms.RadioSelect
    )
    ethnicity = forms.CharField(label=_("Dân tộc"), max_length=40)
    admitted_on = _date(
        _("Ngày vào Đảng"), help_text=_("Ngày quyết định kết nạp: tuổi Đảng tính từ ngày này.")
    )
    official_on = _date(
        _("Ngày chính thức"), required=False, help_text=_("Để trống nếu còn dự bị.")
    )
    card_number = forms.CharField(label=_("Số thẻ đảng viên"), max_length=20, required=False)
    positions = forms.CharField(label=_("Chức vụ"), max_length=300, required=False)
    general_education = forms.ChoiceField(
        label=_("Giáo dục phổ thông"), choices=GeneralEducation.choices
    )
    professional = forms.ChoiceField(label=_("Chuyên môn, nghiệp vụ"), choices=Professional.choices)
    theory = forms.ChoiceField(label=_("Lý luận chính trị"), choices=Theory.choices)

    PROFILE = (
        "full_name",
        "birth_date",
        "gender",
        "ethnicity",
        "admitted_on",
        "official_on",
        "card_number",
        "positions",
        "general_education",
        "professional",
        "theory",
    )

    def profile(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in self.PROFILE}


class MemberCreateForm(MemberFileForm):
    """Ghi hồ sơ một đảng viên của chi bộ (an existing member entered): official or
    probationary."""

    status = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[(s.value, s.label) for s in ACTIVE],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    field_order = ["status", *MemberFileForm.PROFILE, "note"]


class StatusChangeForm(forms.Form):
    """Ghi biến động: the statuses the member may move to from theirs, the day, a note."""

    status = forms.ChoiceField(label=_("Tình trạng mới"), widget=forms.RadioSelect)
    on = _date(_("Từ ngày"))
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: số quyết định, lý do."),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, Status(s).label) for s in choices]


class CommitteeForm(forms.Form):
    """Ghi cấp ủy chi bộ for a new term: the secretary, a deputy, and — only where the
    cell elects a chi ủy — its other members."""

    elected = forms.TypedChoiceField(
        label=_("Hình thức"),
        choices=[
            ("0", _("Bí thư, phó bí thư (chi bộ chưa bầu chi ủy)")),
            ("1", _("Chi ủy (chi bộ có từ 9 đảng viên chính thức)")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    term_start = _date(_("Nhiệm kỳ từ ngày"))
    term_end = _date(_("Nhiệm kỳ đến ngày"), required=False)
    secretary = forms.ChoiceField(label=Position.SECRETARY.label)
    deputy = forms.ChoiceField(label=Position.DEPUTY.label, required=False)
    members = forms.MultipleChoiceField(
        label=_("Chi ủy viên"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chỉ khi chi bộ bầu chi ủy."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(m.pk), m.full_name) for m in candidates]
        self.fields["secretary"].choices = [("", ""), *choices]
        self.fields["deputy"].choices = [("", ""), *choices]
        self.fields["members"].choices = choices


class TransferInForm(MemberFileForm):
    """Nhận chuyển sinh hoạt đến: the member's file, their status, where they come from
    and the introduction letter."""

    kind = forms.ChoiceField(
        label=_("Hình thức"), choices=TransferKind.choices, widget=forms.RadioSelect
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[(s.value, s.label) for s in ACTIVE],
        widget=forms.RadioSelect,
    )
    other_organisation = forms.CharField(label=_("Tổ chức đảng nơi đi"), max_length=200)
    on = _date(_("Ngày đến sinh hoạt"))
    until = _date(_("Sinh hoạt tạm thời đến ngày"), required=False)
    letter_number = forms.CharField(label=_("Số giấy giới thiệu"), max_length=40, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    field_order = [
        "kind",
        "other_organisation",
        "on",
        "until",
        "letter_number",
        "status",
        *MemberFileForm.PROFILE,
        "note",
    ]
