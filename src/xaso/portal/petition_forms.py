"""The citizen's recommendation or feedback form (kiến nghị, phản ánh — Decree
20/2008/NĐ-CP): the same form rules as the online dossier (labels tied to fields,
Vietnamese errors naming the field, a one-time token, consent)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xaso.core.checks import PHONE_RE
from xaso.core.models import OrgUnit
from xaso.core.vietnamese import nfc
from xaso.petitions.models import Kind
from xaso.portal.forms import TOKEN_RE, PortalForm, text_field

CONSENT_VERSION = "portal-petition-consent-2026-1"
CONSENT_LABEL = _("Tôi đồng ý cho xử lý dữ liệu cá nhân của tôi để giải quyết kiến nghị này")
CONSENT_HELP = _(
    "Theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15: Ủy ban nhân dân xã chỉ dùng họ tên, "
    "địa chỉ và số điện thoại bạn ghi ở trên để xem xét, trả lời kiến nghị, phản ánh này."
)


class PetitionForm(PortalForm):
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Bạn muốn gửi"),
        choices=[
            (Kind.RECOMMENDATION, _("Kiến nghị (đề nghị xã xem xét, giải quyết một việc)")),
            (Kind.FEEDBACK, _("Phản ánh (báo cho xã biết một việc đang xảy ra)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn kiến nghị hay phản ánh.")},
    )
    summary = text_field(
        _("Tóm tắt nội dung"),
        max_length=300,
        required_message=_("Hãy tóm tắt nội dung trong một câu."),
        help_text=_("Một câu ngắn, ví dụ: Đèn đường đầu bản bị hỏng."),
    )
    content = forms.CharField(
        label=_("Nội dung chi tiết (không bắt buộc)"),
        max_length=5000,
        required=False,
        help_text=_("Việc gì, ở đâu, từ bao giờ. Tối đa 5.000 ký tự."),
        error_messages={"max_length": _("Dài tối đa %(limit_value)d ký tự.")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    village = forms.ChoiceField(
        label=_("Bản"), required=False, help_text=_("Nơi xảy ra việc, nếu ở một bản của xã.")
    )
    name = text_field(
        _("Họ và tên"),
        max_length=150,
        required_message=_("Hãy nhập họ và tên người gửi."),
        autocomplete="name",
    )
    phone = text_field(
        _("Số điện thoại"),
        max_length=20,
        required=False,
        help_text=_("Để xã liên hệ khi cần làm rõ (không bắt buộc)."),
        type="tel",
        inputmode="tel",
        autocomplete="tel",
    )
    address = text_field(
        _("Địa chỉ (không bắt buộc)"), max_length=300, required=False, autocomplete="street-address"
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        help_text=CONSENT_HELP,
        error_messages={"required": _("Hãy đánh dấu đồng ý để gửi.")},
    )

    def __init__(self, *args, communes: list[tuple[OrgUnit, list[OrgUnit]]], **kwargs):
        super().__init__(*args, **kwargs)
        self.communes = {commune.code: (commune, villages) for commune, villages in communes}
        self.token_refreshed = False
        if len(communes) > 1:
            self.fields["commune"] = forms.ChoiceField(
                label=_("Gửi đến xã"),
                choices=[("", _("— Chọn xã —"))] + [(c.code, c.display_name) for c, _v in communes],
                error_messages={"required": _("Hãy chọn xã nhận kiến nghị.")},
            )
            self.order_fields(["token", "commune"])
            village_choices = [("", _("— Không chọn —"))] + [
                (c.display_name, [(v.code, v.display_name) for v in villages])
                for c, villages in communes
                if villages
            ]
        else:
            village_choices = [("", _("— Không chọn —"))] + [
                (v.code, v.display_name) for v in (communes[0][1] if communes else [])
            ]
        self.fields["village"].choices = village_choices

    @property
    def matter_fields(self) -> list:
        names = ("commune", "kind", "summary", "content", "village")
        return [self[n] for n in names if n in self.fields]

    @property
    def sender_fields(self) -> list:
        return [self[n] for n in ("name", "phone", "address")]

    def clean_token(self) -> str:
        token = self.cleaned_data.get("token", "")
        if not TOKEN_RE.match(token):
            self.token_refreshed = True
            self.add_error(
                None, _("Biểu mẫu đã cũ hoặc không hợp lệ. Hãy kiểm tra lại và bấm Gửi lần nữa.")
            )
        return token

    def clean_summary(self) -> str:
        return " ".join(nfc(self.cleaned_data["summary"]).split())

    def clean_content(self) -> str:
        return nfc(self.cleaned_data.get("content", "")).strip()

    def clean_name(self) -> str:
        return " ".join(nfc(self.cleaned_data["name"]).split())

    def clean_address(self) -> str:
        return " ".join(nfc(self.cleaned_data.get("address", "")).split())

    def clean_phone(self) -> str:
        phone = re.sub(r"[\s.\-()]", "", self.cleaned_data.get("phone", ""))
        if phone and not PHONE_RE.match(phone):
            raise ValidationError(_("Số điện thoại không hợp lệ, ví dụ 0912345678."))
        return phone

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("commune") if "commune" in self.fields else next(iter(self.communes))
        commune, villages = self.communes.get(code, (None, []))
        cleaned["commune"] = commune
        village = None
        if cleaned.get("village"):
            village = next((v for v in villages if v.code == cleaned["village"]), None)
            if village is None and commune is not None:
                self.add_error("village", _("Bản đã chọn không thuộc xã nhận kiến nghị."))
        cleaned["village"] = village
        return cleaned

    def apply_service_errors(self, exc: ValidationError) -> None:
        """The service's errors beside their fields (``petitioner_name`` is ``name``)."""
        aliases = {"petitioner_name": "name"}
        for key, messages in getattr(exc, "message_dict", {None: exc.messages}).items():
            field = aliases.get(key, key)
            self.add_error(field if field in self.fields else None, messages)


class TrackForm(PortalForm):
    ma = forms.CharField(
        label=_("Mã kiến nghị, phản ánh"),
        max_length=60,
        help_text=_("Mã được báo khi bạn gửi, ví dụ 03763-DT-260309-0001."),
        error_messages={"required": _("Hãy nhập mã.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
