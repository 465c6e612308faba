"""Forms of the dues pages: a member's income basis, a cell's month of payments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.party.forms import _date
from xaso.party.models import IncomeKind, PaymentMethod

AMOUNT_MAX = 1_000_000_000


class BasisForm(forms.Form):
    income_kind = forms.ChoiceField(label=_("Loại thu nhập"), choices=IncomeKind.choices)
    base = forms.IntegerField(
        label=_("Tiền lương đóng bảo hiểm xã hội tháng trước, hoặc lương hưu (đồng/tháng)"),
        required=False,
        min_value=1,
        max_value=AMOUNT_MAX,
        help_text=_("Chỉ ghi với đảng viên đóng bảo hiểm xã hội bắt buộc hoặc hưởng lương hưu."),
    )
    valid_from = _date(_("Áp dụng từ ngày"))


class PaymentsForm(forms.Form):
    """One row per member of the cell: amount (empty: not paid), day, method."""

    paid_on = _date(_("Ngày nộp (mặc định cho các dòng)"))
    method = forms.ChoiceField(
        label=_("Hình thức nộp"), choices=PaymentMethod.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"m{line.member.pk}"] = forms.IntegerField(
                label=line.member.full_name,
                required=False,
                min_value=1,
                max_value=AMOUNT_MAX,
                initial=int(line.payment.amount if line.payment else line.due or 0) or None,
            )

    def rows(self):
        """(line, bound field) for the table."""
        return [(line, self[f"m{line.member.pk}"]) for line in self.lines]
