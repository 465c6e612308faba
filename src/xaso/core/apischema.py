"""What every JSON API module shares in its OpenAPI document: the error bodies, the
statuses the whole API may answer with, and the input types that state the limits the
service and the columns hold — so a client (and schemathesis) reads the real rule in the
document, and anything outside it is refused with a 4xx naming the field.

Error bodies: a refused input answers ``{"detail": [{"field", "message"}]}``
(``FieldErrors``: 400 from the input guard or unreadable JSON, 413, 422, 409); a refused
caller answers ``{"detail": "<message>"}`` (``Message``: 401, 403, 404, 429).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from xaso.core.checks import FIGURE_LIMIT, FIRST_YEAR, LAST_YEAR

#: Text the input guard lets through (``core.input_guard``): no NUL, no other C0 control
#: character but tab, line feed and carriage return, no DEL. (Lone surrogates cannot be
#: written in UTF-8 and are refused too.)
_CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
CLEAN = rf"^[^{_CONTROL}]*$"
#: Clean text holding something besides white space (the services strip what they store).
FILLED = rf"^[^{_CONTROL}]*[^\s{_CONTROL}][^{_CONTROL}]*$"
#: A personal ID number (số định danh cá nhân): 12 ASCII digits.
ID_NUMBER = r"^[0-9]{12}$"
#: A Vietnamese phone number as typed (spaces, dots, dashes, brackets allowed), or empty.
PHONE = r"^$|^[\s.()-]*(\+[\s.()-]*8[\s.()-]*4|0)([\s.()-]*[0-9]){9,10}[\s.()-]*$"


def text(max_length: int, *, min_length: int = 0, pattern: str = CLEAN, **field: Any) -> Any:
    """A string of at most ``max_length`` characters (the column's size) that the input
    guard accepts; ``pattern`` narrows it further."""
    constraints = StringConstraints(
        min_length=min_length or None, max_length=max_length, pattern=pattern
    )
    if field:
        return Annotated[str, constraints, Field(**field)]
    return Annotated[str, constraints]


#: A code in a path or a reference to a record (org unit, dossier, petition): the
#: columns hold 40 characters.
Code = text(40, min_length=1, examples=["03763"])


#: The error type of our own validators' refusals: their message is already a sentence
#: in the request's language (gettext), so ``explain`` passes it on as it is.
REFUSAL = "xaso_refusal"


def refusal(message: str) -> PydanticCustomError:
    """A validator's refusal, to ``raise``: ``message`` in the request's language, shown
    to the caller as it is (``{`` and ``}`` are escaped: pydantic formats the text)."""
    return PydanticCustomError(REFUSAL, message.replace("{", "{{").replace("}", "}}"))


def _json_int(value: object) -> object:
    """A JSON integer: 3 or 3.0 (JSON Schema's integers), never "3", 3.5 or true."""
    if isinstance(value, bool | str):
        raise refusal(_("Phải là một số nguyên."))
    if isinstance(value, float):
        if not value.is_integer():
            raise refusal(_("Phải là một số nguyên."))
        return int(value)
    return value


def whole(*, ge: int, le: int, **field: Any) -> Any:
    """An integer in a JSON body, from ``ge`` to ``le``."""
    return Annotated[int, Field(ge=ge, le=le, **field), BeforeValidator(_json_int)]


#: A year in a query or a path (text on the wire).
YearParam = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
#: A year in a JSON body.
Year = whole(ge=FIRST_YEAR, le=LAST_YEAR)

#: The days of 1900–2199 as ``YYYY-MM-DD``, exactly: months of 30 and 31 days, 29
#: February in leap years only (so a schema-valid date is always a real one).
_DAY = (
    r"(?:(?:19|20|21)[0-9][0-9]-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    r"|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
    r"|(?:19|20|21)(?:0[48]|[2468][048]|[13579][26])-02-29|2000-02-29)"
)
DATE_PATTERN = rf"^{_DAY}$"
#: The days of 1970–2199 (before 1912 Vietnam's clocks were offset by seconds, which no
#: ISO 8601 zone can write; no deadline or event of this system lies before 1970).
_MODERN_DAY = (
    r"(?:(?:19[7-9][0-9]|2[01][0-9][0-9])-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    r"|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
    r"|(?:19(?:7[26]|8[048]|9[26])|20(?:[02468][048]|[13579][26])"
    r"|21(?:0[48]|[2468][048]|[13579][26]))-02-29)"
)
#: ``YYYY-MM-DDTHH:MM[:SS[.ffffff]]``, with a zone (``Z``, ``±HH:MM``) or without one.
DATETIME_PATTERN = (
    rf"^{_MODERN_DAY}T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{{1,6}})?)?"
    r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?$"
)

#: A calendar date, ``YYYY-MM-DD`` only (never a timestamp or another order), 1900–2199.
Date = Annotated[
    str,
    StringConstraints(pattern=DATE_PATTERN),
    Field(description="YYYY-MM-DD"),
    AfterValidator(dt.date.fromisoformat),
]

#: A moment from 1970 to 2199; without a zone it is Vietnam's time.
DateTime = Annotated[
    str,
    StringConstraints(pattern=DATETIME_PATTERN),
    Field(description="YYYY-MM-DDTHH:MM[:SS] và múi giờ (Z, +07:00); không ghi là giờ Việt Nam"),
    AfterValidator(dt.datetime.fromisoformat),
]

#: A time of day, ``HH:MM[:SS]``, Vietnam's (no zone).
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
Time = Annotated[
    str, StringConstraints(pattern=TIME_PATTERN), AfterValidator(dt.time.fromisoformat)
]


def _email(value: str) -> str:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(value)
    except ValidationError:
        raise refusal(_("Địa chỉ thư điện tử không hợp lệ.")) from None
    return value


#: An e-mail address Django accepts (``core.checks.email``), or "" for none.
Email = (
    Literal[""]
    | Annotated[
        str,
        StringConstraints(max_length=254),
        Field(json_schema_extra={"format": "email"}),
        AfterValidator(_email),
    ]
)


_DECIMAL_TEXT = r"^-?[0-9]{1,16}(\.[0-9]{1,4})?$"


def _decimal(value: object) -> Decimal:
    """A JSON number or a decimal string, finite, below 10^16 in size, at most four
    decimals. A JSON number is a binary float: one within a billionth of four decimals
    is read as those four (0.1 + 0.2 is 0.3)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise refusal(_("Phải là một số."))
    if isinstance(value, str):
        if not re.fullmatch(_DECIMAL_TEXT, value):
            raise refusal(_("Phải là số thập phân, tối đa 16 chữ số phần nguyên và 4 số lẻ."))
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise refusal(_("Phải là một số hữu hạn."))
        rounded = round(value, 4)
        if abs(value - rounded) > 1e-9 * max(1.0, abs(value)):
            raise refusal(_("Tối đa 4 chữ số thập phân."))
        number = Decimal(repr(rounded))
    else:
        number = Decimal(value)
    if abs(number) >= FIGURE_LIMIT:
        raise refusal(_("Quá lớn (tối đa 16 chữ số phần nguyên)."))
    return number


#: A figure (a target's value, numerator, denominator): a JSON number or a decimal
#: string, |x| < 10^16, at most 4 decimals.
Figure = Annotated[
    Decimal,
    PlainValidator(_decimal),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "number",
                    "exclusiveMinimum": -1e16,
                    "exclusiveMaximum": 1e16,
                    "multipleOf": 0.0001,
                },
                {"type": "string", "pattern": _DECIMAL_TEXT},
            ]
        }
    ),
]


class Input(Schema):
    """A request body: unknown fields are refused (422), not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class FieldError(Schema):
    field: str | None = Field(description="Trường bị từ chối (đường dẫn dạng a.b[0].c).")
    message: str


class FieldErrors(Schema):
    """Dữ liệu gửi lên bị từ chối: từng trường kèm lý do bằng tiếng Việt."""

    detail: list[FieldError]


class NeedsConfirmationOut(FieldErrors):
    """Chỉ còn cảnh báo: gửi lại với ``confirm_warnings`` = true để lưu."""

    confirm_with: Literal["confirm_warnings"]


class Message(Schema):
    """Người gọi bị từ chối (chưa đăng nhập, không có quyền, không có, quá nhiều lần)."""

    detail: str


def errors(*statuses: int) -> dict[int, type[Schema]]:
    """The bodies of an operation's own refusals, for its ``response=`` declaration (the
    statuses every operation shares are added by ``document_common_responses``)."""
    bodies = {403: Message, 404: Message, 409: NeedsConfirmationOut, 422: FieldErrors}
    bodies.update({429: Message})
    return {status: bodies[status] for status in statuses}


_COMMON = {
    400: "Ký tự không hợp lệ (NUL, ký tự điều khiển) ở đường dẫn, tham số, trường hoặc khóa; "
    "hoặc dữ liệu JSON không đọc được.",
    401: "Chưa đăng nhập.",
    403: "Không có quyền, hoặc thiếu mã CSRF (cookie csrftoken và tiêu đề X-CSRFToken) khi ghi.",
    413: "Dữ liệu gửi lên quá lớn.",
    422: "Dữ liệu không hợp lệ: từng trường kèm lý do.",
}
_UNSAFE = {"post", "put", "patch", "delete"}


def document_common_responses(document: dict) -> dict:
    """Add to every operation of an OpenAPI ``document`` the statuses the whole API
    answers with, whichever endpoint is called: 400 and 413 (``InputGuardMiddleware``),
    401 where a session is required, 403 on writes that need one (the CSRF check),
    422 where there is a parameter or a body to validate — with their bodies."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for model in (FieldError, FieldErrors, Message):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schema.pop("$defs", None)
        schemas.setdefault(model.__name__, schema)
    for method_map in document.get("paths", {}).values():
        for method, operation in method_map.items():
            secured = bool(operation.get("security"))
            statuses = [400, 413]
            if secured:
                statuses.append(401)
            if secured and method in _UNSAFE:
                statuses.append(403)
            if operation.get("parameters") or operation.get("requestBody"):
                statuses.append(422)
            responses = {str(k): v for k, v in operation.get("responses", {}).items()}
            operation["responses"] = responses
            for status in statuses:
                body = "Message" if status in (401, 403) else "FieldErrors"
                entry = responses.setdefault(str(status), {})
                entry.setdefault("description", _COMMON[status])
                entry.setdefault(
                    "content",
                    {"application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}},
                )
    return document


def explain(error: dict) -> str:
    """A schema refusal (one of pydantic's errors) as a sentence an official can act on,
    in the request's language (Vietnamese, or English when chosen) — never pydantic's
    English text or a regular expression. A refusal without words of ours (a library's
    ``ValueError``) reads "Giá trị không hợp lệ.", not its English message."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        return _PATTERN_MESSAGES.get(ctx.get("pattern"), _("Không đúng định dạng."))
    if kind == REFUSAL:  # our own validators' sentences, already in the right language
        return str(error.get("msg", "")) or _("Giá trị không hợp lệ.")
    message = _TYPE_MESSAGES.get(kind)
    if message is None:
        return _("Giá trị không hợp lệ.")
    words = {k: v for k, v in ctx.items() if isinstance(v, str | int | float)}
    if "expected" in words:  # pydantic lists choices as "'a', 'b' or 'c'"
        words["expected"] = str(words["expected"]).replace(" or ", str(_(" hoặc ")))
    return str(message) % words


_PATTERN_MESSAGES = {
    FILLED: gettext_lazy("Không được để trống."),
    CLEAN: gettext_lazy("Chứa ký tự không hợp lệ."),
    DATE_PATTERN: gettext_lazy("Ngày không hợp lệ: dùng dạng YYYY-MM-DD, từ năm 1900 đến 2199."),
    DATETIME_PATTERN: gettext_lazy(
        "Thời điểm không hợp lệ: dùng dạng YYYY-MM-DDTHH:MM (có thể kèm múi giờ), từ năm 1970."
    ),
    TIME_PATTERN: gettext_lazy("Giờ không hợp lệ: dùng dạng HH:MM."),
    ID_NUMBER: gettext_lazy("Số định danh cá nhân phải gồm đúng 12 chữ số."),
    PHONE: gettext_lazy("Số điện thoại không hợp lệ, ví dụ 0912345678."),
}
_TYPE_MESSAGES = {
    "missing": gettext_lazy("Thiếu trường bắt buộc."),
    "extra_forbidden": gettext_lazy("Không nhận trường này."),
    "string_too_long": gettext_lazy("Dài tối đa %(max_length)s ký tự."),
    "string_too_short": gettext_lazy("Không được để trống."),
    "greater_than_equal": gettext_lazy("Phải từ %(ge)s trở lên."),
    "greater_than": gettext_lazy("Phải lớn hơn %(gt)s."),
    "less_than_equal": gettext_lazy("Tối đa %(le)s."),
    "less_than": gettext_lazy("Phải nhỏ hơn %(lt)s."),
    "literal_error": gettext_lazy("Phải là một trong: %(expected)s."),
    "enum": gettext_lazy("Phải là một trong: %(expected)s."),
    "int_parsing": gettext_lazy("Phải là một số nguyên."),
    "int_type": gettext_lazy("Phải là một số nguyên."),
    "int_from_float": gettext_lazy("Phải là một số nguyên."),
    "bool_parsing": gettext_lazy("Phải là true hoặc false."),
    "bool_type": gettext_lazy("Phải là true hoặc false."),
    "string_type": gettext_lazy("Phải là chuỗi ký tự."),
    "list_type": gettext_lazy("Phải là một danh sách."),
    "dict_type": gettext_lazy("Phải là một đối tượng JSON."),
    "model_type": gettext_lazy("Phải là một đối tượng JSON."),
    "model_attributes_type": gettext_lazy("Phải là một đối tượng JSON."),
}
