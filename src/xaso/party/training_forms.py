"""Forms of the training pages (``core.form_rendering``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.party.forms import _date
from xaso.party.models import CourseKind, TrainingResult


def _optional_date(label):
    field = _date(label)
    field.required = False
    return field


class TrainingForm(forms.Form):
    """Cử đảng viên đi đào tạo, bồi dưỡng."""

    member = forms.ChoiceField(label=_("Đảng viên"))
    kind = forms.ChoiceField(label=_("Loại lớp"), choices=CourseKind.choices)
    sent_on = _date(_("Ngày cử đi học (ngày đề nghị, quyết định)"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=40, required=False)
    institution = forms.CharField(label=_("Cơ sở đào tạo"), max_length=200, required=False)
    result = forms.ChoiceField(
        label=_("Kết quả"), choices=TrainingResult.choices, initial=TrainingResult.STUDYING
    )
    finished_on = _optional_date(_("Ngày kết thúc khóa học"))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "")] + [
            (str(m.pk), f"{m.full_name} — {m.org_unit}") for m in members
        ]


class FinishForm(forms.Form):
    """Ghi kết quả khóa học."""

    result = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[(k, v) for k, v in TrainingResult.choices if k != TrainingResult.STUDYING],
        widget=forms.RadioSelect,
    )
    finished_on = _date(_("Ngày kết thúc khóa học"))
