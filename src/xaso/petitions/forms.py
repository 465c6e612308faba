from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit
from xaso.petitions.models import Channel, Kind


class ReceiveForm(forms.Form):
    """Tiếp nhận đơn thư at the reception desk."""

    kind = forms.ChoiceField(label=_("Loại đơn"), choices=Kind.choices)
    channel = forms.ChoiceField(label=_("Nguồn đơn"), choices=Channel.choices)
    summary = forms.CharField(label=_("Tóm tắt nội dung"), max_length=300)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)
    field = forms.CharField(label=_("Lĩnh vực"), max_length=60, required=False)
    village = forms.ModelChoiceField(
        label=_("Bản"), queryset=OrgUnit.objects.none(), required=False
    )
    name = forms.CharField(label=_("Họ và tên người gửi"), max_length=150)
    id_number = forms.CharField(label=_("Số định danh"), max_length=12, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    persons_involved = forms.CharField(
        label=_("Người liên quan, người bị tố cáo"), widget=forms.Textarea, required=False
    )
    attachment = forms.FileField(label=_("Tệp đính kèm (PDF, JPEG, PNG)"), required=False)

    def __init__(self, *args, commune: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = OrgUnit.objects.filter(
            parent=commune, kind=OrgUnit.Kind.VILLAGE
        ).order_by("code")


class SessionForm(forms.Form):
    """Một buổi tiếp công dân (Law 42/2013 Art. 15)."""

    date = forms.DateField(label=_("Ngày tiếp"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    host_is_chairman = forms.BooleanField(label=_("Chủ tịch trực tiếp tiếp"), required=False)
    attendees = forms.CharField(label=_("Người đến"), widget=forms.Textarea, required=False)
    matters = forms.CharField(label=_("Nội dung phản ánh"), widget=forms.Textarea, required=False)


DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class DialogueForm(forms.Form):
    """Đối thoại với nhân dân tại bản, with its follow-up actions."""

    village = forms.ModelChoiceField(label=_("Bản"), queryset=OrgUnit.objects.none())
    date = forms.DateField(label=_("Ngày đối thoại"), input_formats=DATE_FORMATS)
    topic = forms.CharField(label=_("Chủ đề"), max_length=300)
    record = forms.CharField(label=_("Biên bản"), widget=forms.Textarea, required=False)
    actions = forms.CharField(
        label=_("Việc cần làm sau đối thoại (mỗi dòng một việc, có thể ghi hạn: việc; dd/mm/yyyy)"),
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args, commune: OrgUnit | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = OrgUnit.objects.filter(
            parent=commune, kind=OrgUnit.Kind.VILLAGE
        ).order_by("code")

    def clean_actions(self):
        import datetime as dt

        parsed = []
        for line in self.cleaned_data["actions"].splitlines():
            if not line.strip():
                continue
            description, _sep, due = line.partition(";")
            due_date = None
            if due.strip():
                try:
                    due_date = dt.datetime.strptime(due.strip(), "%d/%m/%Y").date()
                except ValueError as exc:
                    raise forms.ValidationError(
                        _("Hạn không hợp lệ: %(v)s (dd/mm/yyyy)."), params={"v": due.strip()}
                    ) from exc
            parsed.append((description.strip()[:300], due_date))
        return parsed


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), input_formats=DATE_FORMATS)
    end = forms.DateField(label=_("Đến ngày"), input_formats=DATE_FORMATS)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("Ngày bắt đầu sau ngày kết thúc."))
        return data
