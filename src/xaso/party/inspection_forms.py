"""Forms of the inspection, supervision and discipline pages (``core.form_rendering``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.party.forms import _date
from xaso.party.models import Activity, Authority, DisciplineForm, InspectionKind, ProgrammeScope


def _optional_date(label):
    field = _date(label)
    field.required = False
    return field


class InspectionForm(forms.Form):
    """Ghi cuộc kiểm tra, giám sát: who holds it, of whom, about what, when."""

    body = forms.ChoiceField(label=_("Chủ thể"), choices=Authority.choices)
    activity = forms.ChoiceField(
        label=_("Kiểm tra hay giám sát"), choices=Activity.choices, widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=InspectionKind.choices)
    item = forms.ChoiceField(label=_("Theo nội dung chương trình"), required=False)
    content = forms.CharField(
        label=_("Nội dung"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    subject_cell = forms.ChoiceField(label=_("Chi bộ được kiểm tra, giám sát"), required=False)
    subject_members = forms.MultipleChoiceField(
        label=_("Đảng viên được kiểm tra, giám sát"),
        required=False,
        help_text=_("Chọn chi bộ, hoặc một hay nhiều đảng viên (giữ Ctrl để chọn nhiều)."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    started_on = _date(_("Ngày bắt đầu"))
    ended_on = _optional_date(_("Ngày kết thúc"))

    def __init__(self, *args, cells, members, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_cell"].choices = [("", "")] + [(c.code, str(c)) for c in cells]
        self.fields["subject_members"].choices = [
            (str(m.pk), f"{m.full_name} — {m.org_unit}") for m in members
        ]
        self.fields["item"].choices = [("", _("Ngoài chương trình"))] + [
            (str(i.pk), f"{p.title}: {i.content}") for i, p in items
        ]


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Kết luận"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    ended_on = _optional_date(_("Ngày kết thúc"))
    concluded_on = _date(_("Ngày kết luận"))
    follow_up = forms.CharField(
        label=_("Yêu cầu đối tượng khắc phục"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up_due = _optional_date(_("Hạn khắc phục"))


class FollowUpForm(forms.Form):
    done_on = _date(_("Ngày hoàn thành khắc phục"))


class DisciplineRecordForm(forms.Form):
    """Ghi quyết định kỷ luật: a member or a cell, the form, the decision."""

    member = forms.ChoiceField(label=_("Đảng viên bị kỷ luật"), required=False)
    cell = forms.ChoiceField(
        label=_("Hoặc chi bộ bị kỷ luật"),
        required=False,
        help_text=_("Chọn một đảng viên hoặc một chi bộ."),
    )
    form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineForm.choices)
    authority = forms.ChoiceField(label=_("Cấp quyết định"), choices=Authority.choices)
    number = forms.CharField(label=_("Số quyết định"), max_length=40)
    decided_on = _date(_("Ngày quyết định"))
    effective_on = _date(_("Ngày có hiệu lực"))
    violation = forms.CharField(
        label=_("Nội dung vi phạm"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    basis = forms.CharField(
        label=_("Căn cứ (quy định bị vi phạm)"),
        max_length=500,
        help_text=_(
            "Ví dụ: Điều lệ Đảng, Điều 8; Quy định số … về những điều đảng viên không được làm."
        ),
    )

    def __init__(self, *args, cells, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "")] + [
            (str(m.pk), f"{m.full_name} — {m.org_unit}") for m in members
        ]
        self.fields["cell"].choices = [("", "")] + [(c.code, str(c)) for c in cells]


class ProgrammeForm(forms.Form):
    """Chương trình kiểm tra, giám sát: its items one per line."""

    scope = forms.ChoiceField(
        label=_("Phạm vi"), choices=ProgrammeScope.choices, widget=forms.RadioSelect
    )
    body = forms.ChoiceField(
        label=_("Cơ quan ban hành"),
        choices=[(a, Authority(a).label) for a in (Authority.COMMITTEE, Authority.COMMISSION)],
    )
    title = forms.CharField(label=_("Tên chương trình"), max_length=300)
    number = forms.CharField(label=_("Số văn bản"), max_length=40, required=False)
    adopted_on = _date(_("Ngày ban hành"))
    period_start = _date(_("Từ ngày"))
    period_end = _date(_("Đến ngày"))
    items = forms.CharField(
        label=_("Các nội dung"),
        required=False,
        max_length=20_000,
        help_text=_("Mỗi dòng một nội dung."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_items(self):
        return [
            (line.strip(), "") for line in self.cleaned_data["items"].splitlines() if line.strip()
        ]
