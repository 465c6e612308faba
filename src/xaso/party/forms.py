"""Forms of the Party pages, rendered by the one form renderer (``core.form_rendering``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xaso.core.forms import DATE_WIDGET
from xaso.party.models import Direction, Status, TransferKind

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
