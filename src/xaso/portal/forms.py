"""Forms of the citizens' portal: labels, help and errors in Vietnamese, dates as
dd/mm/yyyy, every check the desk makes (the service runs them again)."""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core import uploads
from xaso.core.checks import PHONE_RE
from xaso.core.identity import check_personal_id
from xaso.core.models import OrgUnit
from xaso.core.vietnamese import DATE_ERROR, nfc
from xaso.onestop import services as onestop
from xaso.onestop.models import EXEMPTION_LABELS, Procedure
from xaso.portal.selectors import CODE_RE, TOKEN_RE, normalise_code

# Shown beside the checkbox; recorded with the dossier (``portal.models.Consent``) by
# version and as the words the citizen saw.
CONSENT_VERSION = "portal-consent-2026-1"
CONSENT_LABEL = _("Tôi đồng ý cho xử lý dữ liệu cá nhân của tôi để giải quyết hồ sơ này")
CONSENT_HELP = _(
    "Theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15: Trung tâm phục vụ hành chính công "
    "chỉ dùng dữ liệu kê khai ở trên và trong giấy tờ đính kèm để giải quyết hồ sơ này."
)


def consent_given(version: str, label, help_text) -> tuple[str, str]:
    """(version, the words shown, in the language the citizen read them)."""
    return version, f"{label}. {help_text}"


ACCEPTED_FILES = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


class PortalForm(forms.Form):
    """The portal's forms: rendered like every form (``core.form_rendering``), help and
    errors tied to their fields by Django's ``aria-describedby``."""


def new_token() -> str:
    """The hidden token that makes a form's submission idempotent."""
    return secrets.token_urlsafe(24)


class LookupForm(PortalForm):
    ma = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=60,
        help_text=_("In trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ 03763-260309-0001."),
        error_messages={"required": _("Hãy nhập mã hồ sơ.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    khoa = forms.CharField(
        label=_("Khóa tra cứu"),
        max_length=20,
        help_text=_(
            "6 ký tự in cạnh mã hồ sơ trên Giấy tiếp nhận, hoặc 4 số cuối số định danh "
            "cá nhân của người nộp."
        ),
        error_messages={"required": _("Hãy nhập khóa tra cứu hoặc 4 số cuối số định danh.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_khoa(self) -> str:
        from xaso.core.codes import normal_lookup_key

        return normal_lookup_key(self.cleaned_data["khoa"])

    def clean_ma(self) -> str:
        code = normalise_code(self.cleaned_data["ma"])
        if not CODE_RE.match(code):
            raise ValidationError(
                _("Mã hồ sơ chỉ gồm chữ số, chữ cái và dấu gạch ngang, ví dụ 03763-260309-0001.")
            )
        return code


RATING_CHOICES = [
    (1, _("Rất không hài lòng")),
    (2, _("Không hài lòng")),
    (3, _("Bình thường")),
    (4, _("Hài lòng")),
    (5, _("Rất hài lòng")),
]


class RatingForm(PortalForm):
    rating = forms.TypedChoiceField(
        label=_("Mức độ hài lòng"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn một mức độ hài lòng."),
            "invalid_choice": _("Hãy chọn một mức độ hài lòng."),
        },
    )
    comment = forms.CharField(
        label=_("Ý kiến của bạn (không bắt buộc)"),
        max_length=500,
        required=False,
        help_text=_("Tối đa 500 ký tự. Đừng ghi số định danh hay số điện thoại vào đây."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Ý kiến dài tối đa 500 ký tự.")},
    )


def text_field(label, *, max_length, required=True, required_message="", help_text="", **attrs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={
            "required": required_message,
            "max_length": _("Dài tối đa %(limit_value)d ký tự."),
        },
        widget=forms.TextInput(attrs=attrs),
    )


class SubmissionForm(PortalForm):
    """The online application for one procedure.

    Field names are the service's error keys (``applicant_name``, ``applicant_id_number``,
    …), so a ``ValidationError`` from ``dossier_intake`` lands beside the right field.
    """

    token = forms.CharField(widget=forms.HiddenInput, required=False)
    applicant_name = text_field(
        _("Họ và tên người nộp"),
        max_length=150,
        required_message=_("Hãy nhập họ và tên người nộp."),
        autocomplete="name",
    )
    applicant_id_number = text_field(
        _("Số định danh cá nhân"),
        max_length=20,
        required_message=_("Hãy nhập số định danh cá nhân (12 chữ số trên thẻ căn cước)."),
        help_text=_("12 chữ số in trên thẻ căn cước công dân."),
        inputmode="numeric",
        autocomplete="off",
    )
    applicant_birth_date = forms.DateField(
        label=_("Ngày sinh"),
        input_formats=["%d/%m/%Y", "%d-%m-%Y"],
        help_text=_("Ngày/tháng/năm, ví dụ 02/03/1995."),
        error_messages={
            "required": _("Hãy nhập ngày sinh."),
            "invalid": DATE_ERROR,
        },
        widget=forms.DateInput(
            format="%d/%m/%Y",
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "bday"},
        ),
    )
    applicant_address = text_field(
        _("Địa chỉ nơi ở"),
        max_length=300,
        required_message=_("Hãy nhập địa chỉ."),
        autocomplete="street-address",
    )
    applicant_village = forms.ChoiceField(
        label=_("Bản"),
        required=False,
        help_text=_("Để trống nếu bạn không ở một bản của xã."),
    )
    applicant_phone = text_field(
        _("Số điện thoại"),
        max_length=20,
        required_message=_("Hãy nhập số điện thoại để Trung tâm liên hệ khi cần."),
        help_text=_("Trung tâm gọi hoặc nhắn tin khi cần bổ sung giấy tờ, khi có kết quả."),
        type="tel",
        inputmode="tel",
        autocomplete="tel",
    )
    applicant_email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc)"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ, ví dụ ten@gmail.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    on_behalf_of = text_field(
        _("Nộp thay cho (nếu có)"),
        max_length=150,
        required=False,
        help_text=_("Họ và tên người được nộp thay, ví dụ cha mẹ nộp thay cho con."),
        autocomplete="off",
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        help_text=CONSENT_HELP,
        error_messages={"required": _("Hãy đánh dấu đồng ý để gửi hồ sơ trực tuyến.")},
    )

    APPLICANT_FIELDS = (
        "applicant_name",
        "applicant_id_number",
        "applicant_birth_date",
        "applicant_address",
        "applicant_village",
        "applicant_phone",
        "applicant_email",
        "on_behalf_of",
    )

    def __init__(
        self,
        *args,
        procedure: Procedure,
        centers: list[tuple[OrgUnit, OrgUnit | None, list[OrgUnit]]],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.centers = {center.code: (center, villages) for center, _c, villages in centers}
        self.document_errors: list[str] = []
        self.token_refreshed = False
        if len(centers) > 1:
            self.fields["center"] = forms.ChoiceField(
                label=_("Nơi nộp hồ sơ"),
                choices=[("", _("— Chọn nơi nộp —"))]
                + [(c.code, c.display_name) for c, _commune, _v in centers],
                error_messages={"required": _("Hãy chọn nơi nộp hồ sơ.")},
            )
        village_choices: list = [("", _("— Không chọn —"))]
        if len(centers) > 1:
            for center, commune, villages in centers:
                if villages:
                    group = commune.display_name if commune else center.display_name
                    village_choices.append((group, [(v.code, v.display_name) for v in villages]))
        elif centers:
            village_choices += [(v.code, v.display_name) for v in centers[0][2]]
        self.fields["applicant_village"].choices = village_choices
        self.document_fields: list[str] = []
        for index, document in enumerate(procedure.required_documents or []):
            name = f"document_{index}"
            label = str(document.get("name", "")).strip() or _("Giấy tờ %(n)d") % {"n": index + 1}
            required = bool(document.get("required", True))
            self.fields[name] = forms.FileField(
                label=label,
                required=required,
                help_text=(
                    _("Bắt buộc. Tệp PDF, JPG hoặc PNG, tối đa 10 MB.")
                    if required
                    else _("Nếu có. Tệp PDF, JPG hoặc PNG, tối đa 10 MB.")
                ),
                error_messages={
                    "required": _("Hãy đính kèm bản chụp hoặc bản quét giấy tờ này."),
                    "empty": _("Tệp đã chọn trống, hãy chọn lại."),
                    "invalid": _("Không đọc được tệp, hãy chọn lại."),
                },
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
            )
            self.document_fields.append(name)
        if procedure.exemptions:
            self.fields["fee_exemption"] = forms.ChoiceField(
                label=_("Đối tượng được miễn phí, lệ phí (nếu có)"),
                required=False,
                choices=[("", _("— Không thuộc đối tượng miễn —"))]
                + [(e, EXEMPTION_LABELS.get(e, e)) for e in procedure.exemptions],
                help_text=_("Trung tâm sẽ đối chiếu giấy tờ chứng minh."),
            )

    # --- groups, for the template ---------------------------------------------------

    def _bound(self, names) -> list:
        return [self[name] for name in names if name in self.fields]

    @property
    def applicant_fields(self) -> list:
        return self._bound(self.APPLICANT_FIELDS)

    @property
    def center_fields(self) -> list:
        return self._bound(["center"])

    @property
    def documents(self) -> list:
        return self._bound(self.document_fields)

    @property
    def fee_fields(self) -> list:
        return self._bound(["fee_exemption"])

    @property
    def document_error_links(self) -> list[dict]:
        """The service's refusals of the attached files, for the error summary: each
        links to the documents' fieldset (core/forms/error_summary.html)."""
        return [
            {"anchor": "documents", "text": f"{_('Giấy tờ đính kèm')}: {message}"}
            for message in self.document_errors
        ]

    # --- cleaning ---------------------------------------------------------------------

    def clean_token(self) -> str:
        token = self.cleaned_data.get("token", "")
        if not TOKEN_RE.match(token):
            # A hidden field's error would not show: say it above the form.
            self.token_refreshed = True
            self.add_error(
                None,
                _("Biểu mẫu đã cũ hoặc không hợp lệ. Hãy kiểm tra lại và bấm Gửi hồ sơ lần nữa."),
            )
        return token

    def clean_applicant_name(self) -> str:
        return " ".join(nfc(self.cleaned_data["applicant_name"]).split())

    def clean_applicant_id_number(self) -> str:
        return re.sub(r"[\s.\-]", "", self.cleaned_data["applicant_id_number"])

    def clean_applicant_birth_date(self) -> dt.date:
        born = self.cleaned_data["applicant_birth_date"]
        if born > timezone.localdate():
            raise ValidationError(_("Ngày sinh không thể sau hôm nay."))
        if born.year < 1900:
            raise ValidationError(DATE_ERROR)
        return born

    def clean_applicant_address(self) -> str:
        return " ".join(nfc(self.cleaned_data["applicant_address"]).split())

    def clean_applicant_phone(self) -> str:
        phone = re.sub(r"[\s.\-()]", "", self.cleaned_data["applicant_phone"])
        if not PHONE_RE.match(phone):
            raise ValidationError(_("Số điện thoại không hợp lệ, ví dụ 0912345678."))
        return phone

    def clean_on_behalf_of(self) -> str:
        return " ".join(nfc(self.cleaned_data.get("on_behalf_of", "")).split())

    def clean(self):
        cleaned = super().clean()
        for name in self.document_fields:
            upload = cleaned.get(name)
            if upload:
                try:
                    uploads.check(upload, field=name)
                except ValidationError as exc:
                    self.add_error(name, exc.message_dict[name])
        # The desk's identity check (the service runs it again), here too so that a
        # mistyped number shows with the other errors instead of a round later.
        id_number = cleaned.get("applicant_id_number")
        if id_number and "applicant_id_number" not in self.errors:
            check = check_personal_id(id_number, birth_date=cleaned.get("applicant_birth_date"))
            if check.errors:
                self.add_error("applicant_id_number", check.errors)
        if "center" in self.fields:
            center_code = cleaned.get("center")
        else:
            center_code = next(iter(self.centers), None)
        center, villages = self.centers.get(center_code, (None, []))
        cleaned["center"] = center
        village_code = cleaned.get("applicant_village") or ""
        village = None
        if village_code:
            village = next((v for v in villages if v.code == village_code), None)
            if village is None and center is not None:
                self.add_error(
                    "applicant_village", _("Bản đã chọn không thuộc xã của nơi nộp hồ sơ.")
                )
        cleaned["applicant_village"] = village
        return cleaned

    def apply_service_errors(self, exc: ValidationError) -> None:
        """Put the service's errors beside their fields; the rest above the form."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for key, messages in exc.message_dict.items():
            if key == "documents":
                self.document_errors.extend(messages)
            elif key in self.fields:
                self.add_error(key, messages)
            else:
                self.add_error(None, messages)

    # --- to the service ---------------------------------------------------------------

    def applicant(self) -> onestop.Applicant:
        data = self.cleaned_data
        return onestop.Applicant(
            name=data["applicant_name"],
            id_number=data["applicant_id_number"],
            address=data["applicant_address"],
            birth_date=data["applicant_birth_date"],
            village=data["applicant_village"],
            phone=data["applicant_phone"],
            email=data.get("applicant_email", ""),
            on_behalf_of=data.get("on_behalf_of", ""),
        )

    def uploads(self) -> list[onestop.Upload]:
        result = []
        for name in self.document_fields:
            upload = self.cleaned_data.get(name)
            if upload:
                result.append(onestop.Upload(requirement=str(self.fields[name].label), file=upload))
        return result
