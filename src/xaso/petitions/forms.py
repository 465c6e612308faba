from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit
from xaso.petitions.models import Channel, Kind


class CitizenSubmitForm(forms.Form):
    """Kiến nghị, phản ánh gửi trực tuyến (Decree 20/2008) — no login."""

    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[
            (Kind.RECOMMENDATION, Kind.RECOMMENDATION.label),
            (Kind.FEEDBACK, Kind.FEEDBACK.label),
        ],
    )
    summary = forms.CharField(label=_("Tóm tắt nội dung"), max_length=300)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)
    village = forms.ModelChoiceField(
        label=_("Bản"), queryset=OrgUnit.objects.none(), required=False
    )
    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)

    def __init__(self, *args, commune: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = OrgUnit.objects.filter(
            parent=commune, kind=OrgUnit.Kind.VILLAGE
        ).order_by("code")


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
