"""Forms of the desk: intake, transitions, payment, reschedule, statistics period."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.core.forms import DATE_WIDGET
from xaso.core.models import OrgUnit
from xaso.onestop.models import EXEMPTION_LABELS, Dossier, Procedure


class ProcedureChoiceForm(forms.Form):
    thu_tuc = forms.ModelChoiceField(
        label=_("Thủ tục"), queryset=Procedure.objects.none(), to_field_name="code"
    )

    def __init__(self, *args, procedures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thu_tuc"].queryset = procedures


class IntakeForm(forms.Form):
    """The desk's intake form for one procedure: applicant, one scan per required
    document (thành phần hồ sơ), fee inputs."""

    channel = forms.ChoiceField(
        label=_("Hình thức nộp"),
        choices=[(Dossier.Channel.DIRECT, _("Trực tiếp")), (Dossier.Channel.POST, _("Bưu chính"))],
    )
    applicant_name = forms.CharField(label=_("Họ và tên người nộp"), max_length=150)
    applicant_id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"),
        max_length=12,
        min_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    applicant_birth_date = forms.DateField(label=_("Ngày sinh"), required=False, widget=DATE_WIDGET)
    applicant_address = forms.CharField(label=_("Địa chỉ"), max_length=300)
    applicant_village = forms.ModelChoiceField(
        label=_("Bản"), required=False, queryset=OrgUnit.objects.none()
    )
    applicant_phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    applicant_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    on_behalf_of = forms.CharField(label=_("Nộp thay cho (nếu có)"), max_length=150, required=False)
    pages = forms.IntegerField(
        label=_("Số trang (chứng thực)"), min_value=0, initial=0, required=False
    )
    copies = forms.IntegerField(label=_("Số bản"), min_value=1, initial=1, required=False)
    fee_exemption = forms.ChoiceField(
        label=_("Đối tượng miễn phí, lệ phí"),
        required=False,
        choices=[("", "—"), *EXEMPTION_LABELS.items()],
    )
    documents_digitised = forms.BooleanField(
        label=_("Các bản quét đạt yêu cầu số hóa"), required=False, initial=True
    )
    pay_now = forms.ChoiceField(
        label=_("Thu phí, lệ phí ngay"),
        required=False,
        choices=[("", _("Chưa thu")), *Dossier.PaymentMethod.choices],
    )

    def __init__(self, *args, procedure: Procedure, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.fields["applicant_village"].queryset = villages
        self.fields["applicant_village"].empty_label = _("— chọn bản —")
        kind = procedure.fee_rule.get("type", "free")
        if kind == "free":
            # Nothing to charge: the fee inputs would only confuse the desk.
            for name in ("pages", "copies", "fee_exemption", "pay_now"):
                del self.fields[name]
        else:
            if kind != "per_page":
                del self.fields["pages"]  # only certified copies are charged by the page
            # Only the exemptions this procedure has (Luật Hộ tịch Art. 11: e.g. a birth
            # registered within 60 days is free, a late one pays the province's fee).
            self.fields["fee_exemption"].choices = [
                ("", _("— Không thuộc đối tượng miễn —")),
                *[(e, EXEMPTION_LABELS.get(e, e)) for e in procedure.exemptions],
            ]
        self.document_names = []
        for index, requirement in enumerate(procedure.required_documents):
            name = f"doc_{index}"
            self.document_names.append((name, requirement["name"]))
            self.fields[name] = forms.FileField(
                label=_("Bản quét: %(doc)s") % {"doc": requirement["name"]},
                required=False,
                help_text=_("PDF, JPEG hoặc PNG; tối đa 10 MB."),
            )


class ReturnForm(forms.Form):
    return_method = forms.ChoiceField(
        label=_("Hình thức trả kết quả"), choices=Dossier.ReturnMethod.choices
    )


class PaymentForm(forms.Form):
    payment_method = forms.ChoiceField(
        label=_("Hình thức nộp phí"), choices=Dossier.PaymentMethod.choices
    )


class RescheduleForm(forms.Form):
    new_due = forms.DateTimeField(
        label=_("Ngày hẹn trả mới"),
        input_formats=["%d/%m/%Y %H:%M", "%d/%m/%Y"],
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}
        ),
    )
    reason = forms.CharField(
        label=_("Lý do chậm trả kết quả"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Đến ngày phải sau Từ ngày."))
        return data


class ProvinceFeeForm(forms.Form):
    """The amount a province's People's Council set for a procedure whose fee the province
    sets (``services.province_fee_set``)."""

    tinh = forms.ModelChoiceField(
        label=_("Tỉnh"), queryset=OrgUnit.objects.none(), to_field_name="code"
    )
    thu_tuc = forms.ModelChoiceField(
        label=_("Thủ tục"), queryset=Procedure.objects.none(), to_field_name="code"
    )
    amount = forms.IntegerField(
        label=_("Mức thu (đồng)"),
        min_value=0,
        help_text=_("0 nếu Hội đồng nhân dân tỉnh quy định không thu."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ"),
        max_length=300,
        help_text=_("Số, ngày nghị quyết của Hội đồng nhân dân tỉnh quy định mức thu."),
    )

    def __init__(self, *args, provinces, procedures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tinh"].queryset = OrgUnit.objects.filter(pk__in=[p.pk for p in provinces])
        self.fields["tinh"].label_from_instance = lambda unit: unit.display_name
        self.fields["thu_tuc"].queryset = procedures
        self.fields["thu_tuc"].label_from_instance = lambda p: f"{p.code} {p.name}"
        if len(provinces) == 1:
            self.fields["tinh"].initial = provinces[0].code
