"""The checks every service runs on what people type, so that a page, the API and the
demo data meet the same rule on both databases: lengths within the column (PostgreSQL
refuses a longer value with a server error, SQLite stores it), phone numbers and e-mail
addresses that are real ones, dates that are not in the future. Each adds a Vietnamese
message naming the field to ``errors`` and returns whether the value passed."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.vietnamese import format_number

#: The years the calendars, deadlines, statistics and targets work with (a year column is
#: a small integer; the lunar tables and the working-day calendar end in 2199).
FIRST_YEAR, LAST_YEAR = 1900, 2199

#: The longest reason or note an official types into a step: a letter's worth, the same
#: on a page and in the API.
REASON_MAX = 5000

#: What a figure's column holds (``DecimalField(max_digits=20, decimal_places=4)``):
#: less than 10^16 — sixteen digits before the decimal point — and four after it.
FIGURE_LIMIT = Decimal("1e16")

#: A Vietnamese phone number, mobile or landline, national or +84 form.
PHONE_RE = re.compile(r"^(\+84|0)[0-9]{9,10}$")  # [0-9]: \d matches other scripts' digits


def normal_phone(raw: str) -> str:
    """Spaces, dots, dashes and brackets dropped: "0912 345 678" → "0912345678"."""
    return re.sub(r"[\s.\-()]", "", raw or "")


def text(errors: dict, field: str, value: str, *, max_length: int) -> bool:
    if len(value or "") > max_length:
        errors.setdefault(field, []).append(
            _("Dài tối đa %(n)s ký tự (đang có %(m)s).") % {"n": max_length, "m": len(value)}
        )
        return False
    return True


def refuse_long_text(field: str, value: str, *, max_length: int) -> None:
    """``text`` for a service that checks one field: raises instead of collecting."""
    errors: dict = {}
    if not text(errors, field, value, max_length=max_length):
        raise ValidationError(errors)


def figure(errors: dict, field: str, value: Decimal | None) -> bool:
    """A finite number that fits a figure's column: PostgreSQL refuses a larger one with
    a server error where SQLite would store it and break every page that reads it."""
    if value is None:
        return True
    if not value.is_finite() or abs(value) >= FIGURE_LIMIT:
        errors.setdefault(field, []).append(
            _("Số không hợp lệ hoặc quá lớn (tối đa 16 chữ số phần nguyên).")
        )
        return False
    if value != value.quantize(Decimal("0.0001")):
        errors.setdefault(field, []).append(_("Tối đa 4 chữ số thập phân."))
        return False
    return True


def phone(errors: dict, field: str, value: str) -> bool:
    """An empty phone passes (callers that require one say so themselves)."""
    if value and not PHONE_RE.match(normal_phone(value)):
        errors.setdefault(field, []).append(_("Số điện thoại không hợp lệ, ví dụ 0912345678."))
        return False
    return True


def email(errors: dict, field: str, value: str) -> bool:
    if not value:
        return True
    try:
        validate_email(value)
    except ValidationError:
        errors.setdefault(field, []).append(
            _("Địa chỉ thư điện tử không hợp lệ, ví dụ ten@gmail.com.")
        )
        return False
    return text(errors, field, value, max_length=254)


def id_number_form(errors: dict, field: str, value: str) -> bool:
    """A personal ID number, when given, is 12 digits (the full check with the birth date
    is ``core.identity.check_personal_id``)."""
    if value and not re.fullmatch(r"[0-9]{12}", value):
        errors.setdefault(field, []).append(_("Số định danh cá nhân phải gồm đúng 12 chữ số."))
        return False
    return True


def past_date(errors: dict, field: str, value: dt.date | None, *, earliest: int = 1900) -> bool:
    """A date that has happened: not after today, not before ``earliest``."""
    if value is None:
        return True
    if value > timezone.localdate():
        errors.setdefault(field, []).append(_("Ngày không thể sau hôm nay."))
        return False
    if value.year < earliest:
        errors.setdefault(field, []).append(
            _("Ngày không hợp lệ: trước năm %(y)s.") % {"y": earliest}
        )
        return False
    return True


def whole_number(errors: dict, field: str, value: int, *, low: int, high: int) -> bool:
    if not low <= value <= high:
        errors.setdefault(field, []).append(
            _("Phải từ %(low)s đến %(high)s.")
            % {"low": format_number(low), "high": format_number(high)}
        )
        return False
    return True
