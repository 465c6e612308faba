"""Forms of the ratings and meetings pages (``rating_views``), rendered by the one form
renderer (``core.form_rendering``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xaso.core.forms import DATE_WIDGET
from xaso.party.forms import DATE_FORMATS, DATE_HELP
from xaso.party.models import Attendance, Level, MeetingKind


class ScoreField(forms.CharField):
    """A score of the 100-point scale as typed: "85", "85,5" or "85.5"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 6)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return None
        try:
            score = Decimal(value.replace(",", "."))
        except InvalidOperation:
            raise ValidationError(_("Điểm phải là một số, ví dụ 85 hoặc 85,5.")) from None
        if not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
            raise ValidationError(_("Điểm từ 0 đến 100."))
        return score


def _level_field(label):
    return forms.ChoiceField(label=label, required=False, choices=[("", ""), *Level.choices])


CONFIRM_LABEL = _("Tôi đã kiểm tra các cảnh báo và xác nhận lưu")


class RatingEntryForm(forms.Form):
    """A cell's ratings of a year: a score and a level for the cell and each member not
    yet rated ("cell_rating.score", "m12.level": the names the service's errors use). A
    row left empty is not entered now."""

    confirm = forms.BooleanField(label=CONFIRM_LABEL, required=False)

    def __init__(self, *args, members, with_cell: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = (["cell_rating"] if with_cell else []) + [f"m{m.pk}" for m in members]
        self.members = {f"m{m.pk}": m for m in members}
        for key in self.keys:
            self.fields[f"{key}.score"] = ScoreField(label=_("Điểm"), required=False)
            self.fields[f"{key}.level"] = _level_field(_("Mức xếp loại"))

    def rows(self):
        return [(self.members.get(k), self[f"{k}.score"], self[f"{k}.level"]) for k in self.keys]

    def filled(self):
        """(key, member or None, score, level) of the rows with something typed."""
        data = self.cleaned_data
        return [
            (k, self.members.get(k), data.get(f"{k}.score"), data.get(f"{k}.level") or "")
            for k in self.keys
            if data.get(f"{k}.score") is not None or data.get(f"{k}.level")
        ]


class CorrectionForm(forms.Form):
    score = ScoreField(label=_("Điểm"), required=False)
    level = forms.ChoiceField(label=_("Mức xếp loại"), choices=Level.choices)
    reason = forms.CharField(label=_("Lý do sửa"), max_length=500, widget=forms.Textarea)
    confirm = forms.BooleanField(label=CONFIRM_LABEL, required=False)


class MeetingForm(forms.Form):
    """A meeting with the attendance of each member on the roll ("member_12")."""

    kind = forms.ChoiceField(
        label=_("Loại sinh hoạt"), choices=MeetingKind.choices, widget=forms.RadioSelect
    )
    held_on = forms.DateField(
        label=_("Ngày sinh hoạt"),
        input_formats=DATE_FORMATS,
        help_text=DATE_HELP,
        widget=DATE_WIDGET,
    )
    content = forms.CharField(label=_("Nội dung"), max_length=2000, widget=forms.Textarea)
    resolution = forms.CharField(
        label=_("Nghị quyết, kết luận"), max_length=2000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for m in self.members:
            self.fields[f"member_{m.pk}"] = forms.ChoiceField(
                label=m.full_name,
                choices=Attendance.choices,
                initial=Attendance.PRESENT,
                widget=forms.RadioSelect,
            )

    def attendance_fields(self):
        return [self[f"member_{m.pk}"] for m in self.members]

    def attendance(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"member_{m.pk}"] for m in self.members}
