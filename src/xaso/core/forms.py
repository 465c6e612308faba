"""Forms of the core pages. Labels and errors in Vietnamese; dates as dd/mm/yyyy."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from xaso.core.models import CalendarOverride, Field, OfficeSchedule, OrgUnit, Role, User

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)


class LoginForm(AuthenticationForm):
    """Django's login form behind the throttle of ``core.throttle``: a locked account or
    client is refused before its password is even checked."""

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def clean(self):
        from django.core.exceptions import ValidationError
        from django.utils import timezone

        from xaso.core import throttle
        from xaso.core.middleware import client_ip

        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request is not None else None
        until = throttle.login_locked_until(username, ip)
        if until is not None:
            raise ValidationError(
                _(
                    "Đăng nhập sai quá nhiều lần: tạm khóa đến %(time)s. Hãy thử lại sau, "
                    "hoặc nhờ quản trị hệ thống mở khóa tài khoản."
                )
                % {"time": timezone.localtime(until).strftime("%H:%M %d/%m/%Y")},
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.login_failed(username, ip)
            raise
        throttle.login_succeeded(username)
        return cleaned


class OrgUnitForm(forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = [
            "name",
            "gov_code",
            "kind",
            "valid_from",
            "valid_to",
            "source",
            "note",
            "remote_area",
            "remote_area_basis",
        ]
        widgets = {
            "valid_from": DATE_WIDGET,
            "valid_to": DATE_WIDGET,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not user.is_superuser:
            # Only the installation administrator sets administrative codes.
            self.fields["gov_code"].disabled = True


class OrgUnitCreateForm(OrgUnitForm):
    code = forms.CharField(label=_("Mã"), max_length=40)

    class Meta(OrgUnitForm.Meta):
        fields = ["code", *OrgUnitForm.Meta.fields]


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    job_title = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    org_unit = forms.ModelChoiceField(label=_("Đơn vị công tác"), queryset=OrgUnit.objects.none())
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput, min_length=8
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units if units is not None else OrgUnit.objects.none()

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username=username).exists():
            raise forms.ValidationError(_("Tên đăng nhập này đã có người dùng."))
        return username


class UserUpdateForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "job_title", "email", "org_unit", "is_active"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["org_unit"].queryset = units
        self.fields["is_active"].label = _("Đang hoạt động")


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    org_unit = forms.ModelChoiceField(label=_("Phạm vi"), queryset=OrgUnit.objects.none())
    field = forms.ChoiceField(
        label=_("Lĩnh vực"), choices=[("", "—"), *Field.choices], required=False
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units if units is not None else OrgUnit.objects.none()


class PasswordResetByAdminForm(forms.Form):
    password = forms.CharField(label=_("Mật khẩu mới"), widget=forms.PasswordInput, min_length=8)


class CalendarOverrideForm(forms.ModelForm):
    class Meta:
        model = CalendarOverride
        fields = ["date", "day_off", "reason", "legal_basis"]
        widgets = {"date": DATE_WIDGET}
        labels = {
            "date": _("Ngày"),
            "day_off": _("Là ngày nghỉ (bỏ chọn: ngày làm bù)"),
            "reason": _("Lý do"),
            "legal_basis": _("Căn cứ (số thông báo, quyết định)"),
        }


class OfficeScheduleForm(forms.ModelForm):
    class Meta:
        model = OfficeSchedule
        fields = [
            "morning_start",
            "morning_end",
            "afternoon_start",
            "afternoon_end",
            "saturday_morning",
        ]
        widgets = {
            name: forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"})
            for name in ["morning_start", "morning_end", "afternoon_start", "afternoon_end"]
        }


class DeadlineForm(forms.Form):
    start = forms.DateTimeField(
        label=_("Thời điểm tiếp nhận"),
        input_formats=["%d/%m/%Y %H:%M", "%H:%M %d/%m/%Y"],
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}
        ),
    )
    days = forms.IntegerField(
        label=_("Số ngày làm việc"),
        min_value=0,
        max_value=365,
        error_messages={"min_value": _("Số ngày không được âm.")},
    )
    cutoff = forms.TimeField(
        label=_("Giờ chốt trong ngày"),
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "15:00"}),
    )


def _date_lines(text: str) -> list[tuple]:
    """Lines "dd/mm/yyyy; lý do" → [(date, reason)]; ValidationError naming the line."""
    import datetime as dt

    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        raw, _sep, reason = line.partition(";")
        try:
            day = dt.datetime.strptime(raw.strip(), "%d/%m/%Y").date()
        except ValueError:
            raise forms.ValidationError(
                _("Dòng %(n)s: ngày %(d)s không hợp lệ (dd/mm/yyyy; lý do)."),
                params={"n": number, "d": raw.strip()[:20]},
            ) from None
        rows.append((day, reason.strip()[:200]))
    return rows


#: The holiday groups of ``core.holidays.HOLIDAY_GROUPS``, translatable.
HOLIDAY_GROUP_LABELS = {
    "new_year": _("Tết Dương lịch"),
    "tet": _("Tết Nguyên đán"),
    "hung_kings": _("Giỗ Tổ Hùng Vương"),
    "reunification_labour": _("30/4 và 1/5"),
    "national_day": _("Quốc khánh"),
}


class HolidayNoticeForm(forms.Form):
    """A yearly notice on holidays (Tết, 2/9, …) with its days."""

    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    covers = forms.MultipleChoiceField(
        label=_("Ngày lễ mà thông báo quyết định"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ngày lễ mà thông báo quyết định.")},
    )
    number = forms.CharField(label=_("Số, ký hiệu văn bản"), max_length=60)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), required=False, input_formats=["%d/%m/%Y"], widget=DATE_WIDGET
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    title = forms.CharField(label=_("Trích yếu"), max_length=300, required=False)
    confirmed = forms.BooleanField(
        label=_("Đã đối chiếu văn bản gốc"), required=False, initial=True
    )
    days_off = forms.CharField(
        label=_("Các ngày nghỉ (thứ Hai–thứ Sáu), mỗi dòng: dd/mm/yyyy; lý do"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    working_days = forms.CharField(
        label=_("Các ngày làm bù (thứ Bảy, Chủ nhật), mỗi dòng: dd/mm/yyyy; lý do"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, nationwide: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["covers"].choices = list(HOLIDAY_GROUP_LABELS.items())
        if nationwide:  # only an installation's administrator may enter one for the country
            self.fields = {
                "toan_quoc": forms.BooleanField(
                    label=_("Áp dụng toàn quốc"),
                    required=False,
                    initial=True,
                    widget=forms.CheckboxInput(attrs={"value": "1"}),
                ),
                **self.fields,
            }

    def clean_days_off(self):
        return _date_lines(self.cleaned_data["days_off"])

    def clean_working_days(self):
        return _date_lines(self.cleaned_data.get("working_days", ""))


class LunarDateForm(forms.Form):
    """The lunar converter of the calendar page (the conversion is the view's)."""

    lunar = forms.CharField(
        label=_("Ngày âm lịch"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    leap = forms.BooleanField(label=_("Tháng nhuận"), required=False)


class AuditFilterForm(forms.Form):
    """The audit log's filters: whom, which action, which kind of record, which days.
    The choices are those that appear in the log the viewer may read
    (``selectors.audit_filter_choices``), in words."""

    actor = forms.ChoiceField(label=_("Người thực hiện"), required=False)
    action = forms.ChoiceField(label=_("Thao tác"), required=False)
    object_type = forms.ChoiceField(label=_("Loại đối tượng"), required=False)
    since = forms.CharField(label=_("Từ ngày"), required=False, max_length=20, widget=DATE_WIDGET)
    until = forms.CharField(label=_("Đến ngày"), required=False, max_length=20, widget=DATE_WIDGET)

    def __init__(self, *args, choices: dict[str, list[tuple[str, str]]], **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("Tất cả"))]
        for name in ("actor", "action", "object_type"):
            self.fields[name].choices = everyone + list(choices.get(name, []))

    def _date(self, name: str):
        from xaso.core.vietnamese import parse_date

        raw = self.cleaned_data.get(name, "").strip()
        if not raw:
            return None
        try:
            return parse_date(raw)
        except ValueError:
            raise forms.ValidationError(
                _("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy (ví dụ 05/02/2026)."),
                code="invalid",
            ) from None

    def clean_since(self):
        return self._date("since")

    def clean_until(self):
        return self._date("until")

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("Đến ngày không được trước từ ngày."))
        return cleaned
