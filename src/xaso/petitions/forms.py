from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit
from xaso.petitions.models import Channel, Kind

#: A choice the official makes, never one the form makes for them ("— Chọn —").
EMPTY = [("", "---------")]
DATE_HELP = _("Ngày/tháng/năm, ví dụ 02/03/2026.")


class ReceiveForm(forms.Form):
    """Tiếp nhận đơn thư at the reception desk, in three parts as the page shows them:
    the petition, its sender, the file that came with it."""

    kind = forms.ChoiceField(
        label=_("Loại đơn"),
        choices=EMPTY + Kind.choices,
        help_text=_("Đơn tố cáo: danh tính người gửi được giữ bí mật (Luật Tố cáo)."),
    )
    channel = forms.ChoiceField(label=_("Nguồn đơn"), choices=EMPTY + Channel.choices)
    summary = forms.CharField(
        label=_("Tóm tắt nội dung"),
        max_length=300,
        help_text=_("Một câu, tối đa 300 ký tự: hiện trong danh sách đơn."),
    )
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)
    field = forms.CharField(
        label=_("Lĩnh vực"),
        max_length=60,
        required=False,
        help_text=_("Ví dụ: đất đai, chính sách xã hội."),
    )
    village = forms.ModelChoiceField(
        label=_("Bản"), queryset=OrgUnit.objects.none(), required=False
    )
    persons_involved = forms.CharField(
        label=_("Người liên quan, người bị tố cáo"), widget=forms.Textarea, required=False
    )
    name = forms.CharField(label=_("Họ và tên người gửi"), max_length=150)
    id_number = forms.CharField(
        label=_("Số định danh"),
        max_length=12,
        required=False,
        help_text=_("12 số trên căn cước; dùng để nhận ra đơn trùng."),
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    attachment = forms.FileField(
        label=_("Tệp đính kèm (PDF, JPEG, PNG)"),
        required=False,
        help_text=_("Ảnh chụp hoặc bản quét đơn và giấy tờ kèm theo."),
    )

    #: (legend, fields) — the page's fieldsets, in order.
    GROUPS = (
        (
            _("Đơn"),
            ("kind", "channel", "summary", "content", "field", "village", "persons_involved"),
        ),
        (_("Người gửi"), ("name", "id_number", "address", "phone")),
        (_("Tệp đính kèm"), ("attachment",)),
    )

    def __init__(self, *args, commune: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = OrgUnit.objects.filter(
            parent=commune, kind=OrgUnit.Kind.VILLAGE
        ).order_by("code")

    def groups(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]


class SessionForm(forms.Form):
    """Một buổi tiếp công dân (Law 42/2013 Art. 15)."""

    date = forms.DateField(
        label=_("Ngày tiếp"), input_formats=["%d/%m/%Y", "%Y-%m-%d"], help_text=DATE_HELP
    )
    host_is_chairman = forms.BooleanField(label=_("Chủ tịch trực tiếp tiếp"), required=False)
    attendees = forms.CharField(label=_("Người đến"), widget=forms.Textarea, required=False)
    matters = forms.CharField(label=_("Nội dung phản ánh"), widget=forms.Textarea, required=False)


DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class DialogueForm(forms.Form):
    """Đối thoại với nhân dân tại bản, with its follow-up actions."""

    village = forms.ModelChoiceField(label=_("Bản"), queryset=OrgUnit.objects.none())
    date = forms.DateField(
        label=_("Ngày đối thoại"), input_formats=DATE_FORMATS, help_text=DATE_HELP
    )
    topic = forms.CharField(label=_("Chủ đề"), max_length=300)
    record = forms.CharField(label=_("Biên bản"), widget=forms.Textarea, required=False)
    actions = forms.CharField(
        label=_("Việc cần làm sau đối thoại"),
        help_text=_("Mỗi dòng một việc; có thể ghi hạn sau dấu chấm phẩy: việc; dd/mm/yyyy."),
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


# --- the inputs of a petition's steps (rendered on its page; ``views.petition_act`` hands
# them to the services, which check them and name the input they refuse) -----------------

#: The inputs of the petition's action forms, named as the page names them.
ACT_LABELS = {
    "reason": _("Lý do"),
    "answer": _("Kết luận"),
    "forwarded_to": _("Chuyển đến"),
    "kind": _("Loại đơn"),
    "assigned_to": _("Cán bộ xử lý"),
    "decider": _("Người giải quyết"),
}


class _StepForm(forms.Form):
    """Each form on the page gets its own ids (``<action>-<field>``), so two forms asking
    for a reason do not share a label's target."""

    def __init__(self, *args, action: str, **kwargs):
        kwargs.setdefault("auto_id", f"{action}-%s")
        super().__init__(*args, **kwargs)


class RefuseForm(_StepForm):
    reason = forms.CharField(label=ACT_LABELS["reason"])


class ForwardForm(_StepForm):
    reason = forms.CharField(label=ACT_LABELS["reason"])
    forwarded_to = forms.CharField(
        label=ACT_LABELS["forwarded_to"],
        help_text=_("Cơ quan có thẩm quyền giải quyết; người gửi được báo."),
    )


class ConcludeForm(_StepForm):
    answer = forms.CharField(
        label=ACT_LABELS["answer"],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nội dung kết luận, trả lời gửi người có đơn."),
    )


#: The steps that take inputs; the others are one button.
STEP_FORMS = {"refuse": RefuseForm, "forward": ForwardForm, "conclude": ConcludeForm}


def step_form(action: str) -> forms.Form | None:
    form_class = STEP_FORMS.get(action)
    return form_class(action=action) if form_class else None


class AssignForm(_StepForm):
    assigned_to = forms.ModelChoiceField(
        label=ACT_LABELS["assigned_to"], queryset=None, to_field_name="username", required=False
    )
    decider = forms.ModelChoiceField(
        label=ACT_LABELS["decider"], queryset=None, to_field_name="username", required=False
    )

    def __init__(self, *args, petition, officers, deciders, **kwargs):
        kwargs.setdefault(
            "initial", {"assigned_to": petition.assigned_to, "decider": petition.decider}
        )
        super().__init__(*args, action="assign", **kwargs)
        self.fields["assigned_to"].queryset = officers
        self.fields["decider"].queryset = deciders
        for name in ("assigned_to", "decider"):
            self.fields[name].label_from_instance = lambda u: u.full_name or u.username


class ReclassifyForm(_StepForm):
    kind = forms.ChoiceField(label=ACT_LABELS["kind"], choices=Kind.choices)
    reason = forms.CharField(label=ACT_LABELS["reason"])

    def __init__(self, *args, petition, **kwargs):
        kwargs.setdefault("initial", {"kind": petition.kind})
        super().__init__(*args, action="reclassify", **kwargs)


class ExtendForm(_StepForm):
    reason = forms.CharField(label=ACT_LABELS["reason"])
    especially_complex = forms.BooleanField(label=_("Đặc biệt phức tạp"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, action="extend", **kwargs)
