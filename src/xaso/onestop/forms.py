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


class QueueFilterForm(forms.Form):
    """The filters above the queue; ``views.queue`` reads the same names from the query."""

    q = forms.CharField(
        label=_("Mã hồ sơ, số định danh hoặc họ tên (không cần dấu)"),
        required=False,
        help_text=_(
            "Khi tìm theo mã, số định danh hoặc họ tên, kết quả gồm mọi hồ sơ, không chỉ "
            "hàng đang xem."
        ),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    linh_vuc = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False)
    ban = forms.ChoiceField(label=_("Bản"), required=False)

    def __init__(self, *args, fields, statuses, villages, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["linh_vuc"].choices = [*everything, *((f, f) for f in fields)]
        self.fields["trang_thai"].choices = [*everything, *statuses]
        self.fields["ban"].choices = [*everything, *((v.code, v.display_name) for v in villages)]


class ActionForm(forms.Form):
    """The inputs of one step on the dossier page (``onestop.workflow``), rendered by the
    one form renderer; ``act`` reads them by these names. Ids carry the action, as many
    steps share a page (``note`` of refuse, withdraw…)."""

    NOTE_LABELS = {
        "request_supplement": _("Giấy tờ cần bổ sung (mỗi dòng một loại)"),
        "refuse": _("Lý do"),
        "stop": _("Lý do"),
        "withdraw": _("Lý do"),
    }

    def __init__(self, action: str, *args, specialists=(), **kwargs):
        kwargs.setdefault("auto_id", f"{action}-%s")
        super().__init__(*args, **kwargs)
        self.action = action
        if action == "transfer":
            self.fields["assignee"] = forms.ChoiceField(
                label=_("Chuyển cho"),
                choices=[
                    (u.pk, f"{u.full_name} — {u.job_title}" if u.job_title else u.full_name)
                    for u in specialists
                ],
            )
        elif action == "complete":
            self.fields["result"] = forms.FileField(
                label=_("Bản số hóa kết quả (PDF, JPEG, PNG)"),
                widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            )
        elif action == "return_result":
            self.fields["return_method"] = forms.ChoiceField(
                label=_("Hình thức trả kết quả"), choices=Dossier.ReturnMethod.choices
            )
        elif action == "request_payment":
            self.fields["amount"] = forms.CharField(
                label=_("Số tiền phải nộp (đồng)"),
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            )
        elif action in self.NOTE_LABELS:
            self.fields["note"] = forms.CharField(
                label=self.NOTE_LABELS[action], widget=forms.Textarea(attrs={"rows": 3})
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


class UnitForm(forms.Form):
    """The unit a statistics page reports on (``?don_vi=``)."""

    don_vi = forms.ChoiceField(label=_("Đơn vị"))

    def __init__(self, *args, units, unit=None, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, initial={"don_vi": unit.code if unit else ""}, **kwargs)
        choices = [(u.code, u.display_name) for u in units]
        if unit is None:
            choices.insert(0, ("", _("— Chọn đơn vị —")))
        self.fields["don_vi"].choices = choices


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
