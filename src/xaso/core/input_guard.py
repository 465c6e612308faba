"""The first check every request passes, the same on SQLite and PostgreSQL: a body no
larger than the installation allows (refused from its declared length, before anything
is read or spooled), and no text — in the path, the query string, a form field or a JSON
body — holding a NUL, another control character or half of a UTF-16 surrogate pair.
PostgreSQL refuses to store such text (a server error) where SQLite stores it silently;
refused here, both answer 400 naming the field."""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

#: C0 controls except tab, line feed, carriage return; DEL; lone surrogates.
_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def bad_text(value: str) -> bool:
    return bool(_BAD.search(value))


#: No request of this API nests deeper than a few levels; a deeper document is refused
#: before anything walks it (Python's JSON decoder fails past about 1,000 levels).
MAX_DEPTH = 32


class TooDeep(Exception):
    pass


def _walk(document, path: str = ""):
    """(field path, text) of every string in a JSON document, keys included, in document
    order — without recursion; ``TooDeep`` past ``MAX_DEPTH`` levels."""
    stack: list[tuple[object, str, int]] = [(document, path, 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise TooDeep
        if isinstance(value, _Key):
            yield path, value.text
        elif isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                child = f"{path}.{key}" if path else str(key)
                stack.append((item, child, depth + 1))
                stack.append((_Key(str(key)), child, depth))
        elif isinstance(value, list):
            for index in range(len(value) - 1, -1, -1):
                # Named as the API's schema errors name it: values.0.value.
                child = f"{path}.{index}" if path else str(index)
                stack.append((value[index], child, depth + 1))


class _Key:
    """A dictionary's key on ``_walk``'s stack (checked like a value)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self.check(request)
        return refused if refused is not None else self.get_response(request)

    def check(self, request):
        api = request.path_info.startswith("/api/")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.XASO_MAX_REQUEST_BYTES:
            message = _("Dữ liệu gửi lên quá lớn (tối đa %(mb)s MB).") % {
                "mb": settings.XASO_MAX_REQUEST_BYTES // (1024 * 1024)
            }
            return self._refuse(api, "body", message, status=413)
        if bad_text(request.path_info):
            return self._refuse(api, "path", _("Địa chỉ chứa ký tự không hợp lệ."))
        for key, values in request.GET.lists():
            if bad_text(key) or any(bad_text(v) for v in values):
                return self._refuse(api, key, _("Tham số chứa ký tự không hợp lệ."))
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            content_type = request.content_type or ""
            if content_type == "application/json":
                return self._check_json(request, api)
            if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                try:
                    fields = list(request.POST.lists())
                except MultiPartParserError:  # no boundary, a broken part
                    return self._refuse(api, "body", _("Không đọc được dữ liệu gửi lên."))
                for key, values in fields:
                    if bad_text(key) or any(bad_text(v) for v in values):
                        return self._refuse(api, key, _("Trường này chứa ký tự không hợp lệ."))
        for header in ("HTTP_IDEMPOTENCY_KEY",):
            if bad_text(request.META.get(header, "")):
                return self._refuse(api, "Idempotency-Key", _("Khóa chứa ký tự không hợp lệ."))
        return None

    def _check_json(self, request, api: bool):
        too_deep = _("Dữ liệu JSON lồng quá sâu (tối đa %(n)s mức).") % {"n": MAX_DEPTH}
        try:
            document = json.loads(request.body or b"null")
        except RecursionError:
            return self._refuse(api, "body", too_deep)
        except (ValueError, UnicodeDecodeError):
            return None  # malformed JSON: the API answers it with its own 4xx
        try:
            for path, text in _walk(document):
                if bad_text(text):
                    return self._refuse(api, path or "body", _("Chứa ký tự không hợp lệ."))
        except TooDeep:
            return self._refuse(api, "body", too_deep)
        return None

    @staticmethod
    def _refuse(api: bool, field: str, message: str, status: int = 400):
        if api:
            return JsonResponse(
                {"detail": [{"field": field, "message": message}]},
                status=status,
                json_dumps_params={"ensure_ascii": False},
            )
        text = _("Yêu cầu không hợp lệ — %(field)s: %(message)s") % {
            "field": field,
            "message": message,
        }
        return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
