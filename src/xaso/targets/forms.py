"""The value-entry form: one row per measure, fields by kind, numbers typed the
Vietnamese way ("1.234,5")."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.core.vietnamese import format_exact, parse_number
from xaso.targets.models import Measure
from xaso.targets.services import COMMENT_MAX


class VietnameseNumberField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_number(value)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Hãy nhập một số, ví dụ 1.234,5."), code="invalid"
            ) from exc


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2199)
    quarter = forms.TypedChoiceField(
        label=_("Kỳ"),
        coerce=int,
        initial=0,
        choices=[
            (0, _("Cả năm")),
            (1, _("Quý I")),
            (2, _("Quý II")),
            (3, _("Quý III")),
            (4, _("Quý IV")),
        ],
    )


YES_NO_CHOICES = [("", "—"), ("1", _("Đạt")), ("0", _("Chưa đạt"))]


def field_names(measure: Measure) -> list[str]:
    if measure.disaggregation == Measure.Disaggregation.YES_NO:
        return [f"{measure.code}.answer"]
    if measure.kind == Measure.Kind.RATIO:
        return [f"{measure.code}.numerator", f"{measure.code}.denominator"]
    return [f"{measure.code}.value"]


class ValuesForm(forms.Form):
    """Built for the measures an office is responsible for."""

    confirm = forms.BooleanField(
        label=_("Tôi đã kiểm tra các cảnh báo và xác nhận số liệu là đúng"), required=False
    )

    def __init__(self, *args, measures: list[Measure], initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = measures
        initial_values = initial_values or {}
        for measure in measures:
            current = initial_values.get(measure.pk)
            if measure.disaggregation == Measure.Disaggregation.YES_NO:
                name = f"{measure.code}.answer"
                self.fields[name] = forms.ChoiceField(
                    label=_("%(code)s — Bản đạt?") % {"code": measure.code},
                    choices=YES_NO_CHOICES,
                    required=False,
                )
                if current is not None:
                    self.initial[name] = "1" if (current.numerator or current.value) else "0"
                self._add_comment(measure, current)
                continue
            if measure.kind == Measure.Kind.RATIO:
                pairs = [
                    ("numerator", measure.numerator_label or _("Tử số")),
                    ("denominator", measure.denominator_label or _("Mẫu số")),
                ]
            else:
                unit = measure.level_unit or measure.unit
                pairs = [
                    ("value", _("Giá trị (%(unit)s)") % {"unit": unit} if unit else _("Giá trị"))
                ]
            for attr, label in pairs:
                name = f"{measure.code}.{attr}"
                self.fields[name] = VietnameseNumberField(
                    label=f"{measure.code} — {label}",
                    required=False,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 12}),
                )
                if current is not None and getattr(current, attr) is not None:
                    self.initial[name] = format_exact(getattr(current, attr))
            self._add_comment(measure, current)

    def _add_comment(self, measure: Measure, current) -> None:
        self.fields[f"{measure.code}.comment"] = forms.CharField(
            label=_("%(code)s — Ghi chú") % {"code": measure.code},
            required=False,
            max_length=COMMENT_MAX,
        )
        if current is not None:
            self.initial[f"{measure.code}.comment"] = current.comment

    def filled(self):
        """(measure, {value|numerator|denominator: Decimal}, comment) for rows with a number;
        a bản's đạt/chưa đạt answer becomes 1/1 or 0/1 (a count: 1 or 0)."""
        rows = []
        for measure in self.measures:
            numbers = {
                name.split(".", 1)[1]: self.cleaned_data.get(name) for name in field_names(measure)
            }
            if "answer" in numbers:
                answer = numbers.pop("answer")
                if answer in ("0", "1"):
                    flag = Decimal(answer)
                    numbers = (
                        {"numerator": flag, "denominator": Decimal(1)}
                        if measure.kind == Measure.Kind.RATIO
                        else {"value": flag}
                    )
            if all(v is None for v in numbers.values()):
                continue
            rows.append((measure, numbers, self.cleaned_data.get(f"{measure.code}.comment", "")))
        return rows


class ResolutionForm(forms.ModelForm):
    class Meta:
        from xaso.targets.models import Resolution

        model = Resolution
        fields = ["code", "name", "term_start", "term_end", "baseline_year", "source"]


class TargetForm(forms.ModelForm):
    class Meta:
        from xaso.targets.models import Target

        model = Target
        fields = ["number", "name", "text", "source"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "code",
            "position",
            "name",
            "unit",
            "kind",
            "level_unit",
            "numerator_label",
            "denominator_label",
            "comparator",
            "target_value",
            "target_max",
            "applies",
            "baseline_value",
            "baseline_numerator",
            "baseline_denominator",
            "baseline_year",
            "baseline_source",
            "baseline_quote",
            "baseline_note",
            "additive",
            "disaggregation",
            "data_source",
            "responsible_office",
            "decimals",
            "note",
        ]
        widgets = {
            "baseline_quote": forms.Textarea(attrs={"rows": 2}),
            "baseline_note": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        localized_fields = [
            "target_value",
            "target_max",
            "baseline_value",
            "baseline_numerator",
            "baseline_denominator",
        ]

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offices is not None:
            self.fields["responsible_office"].queryset = offices


class ValidationRuleForm(forms.ModelForm):
    class Meta:
        from xaso.targets.models import ValidationRule

        model = ValidationRule
        fields = ["severity", "params", "message", "active"]
