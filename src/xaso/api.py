"""The JSON API (django-ninja): ``/api/v1/...``, OpenAPI document at ``/api/docs``.

Session authentication with CSRF, the same permission checks as the pages. Each app
contributes a router in its ``api.py``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import django_auth

from xaso.core.api import router as core_router
from xaso.core.apischema import document_common_responses, explain
from xaso.onestop.api import public as onestop_public
from xaso.onestop.api import router as onestop_router
from xaso.party.api import router as party_router
from xaso.petitions.api import router as petitions_router
from xaso.targets.api import router as targets_router


class XasoAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The document also states what every operation may answer whichever endpoint
        is called (the input guard's 400 and 413, 401, the CSRF check's 403, 422)."""
        return document_common_responses(super().get_openapi_schema(*args, **kwargs))


api = XasoAPI(
    title="xaso API",
    version="1",
    description="API của xaso — nền tảng xã số. Xác thực bằng phiên đăng nhập (cookie + CSRF).",
    urls_namespace="api",
    auth=django_auth,
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(ValidationError)
def django_validation_error(request, exc: ValidationError):
    """Field-level 422: {"detail": [{"field": ..., "message": ...}]} in the request's
    language (Vietnamese; English when asked, ``core.middleware.LanguageMiddleware``)."""
    if hasattr(exc, "error_dict"):
        detail = [
            {"field": field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        detail = [{"field": None, "message": m} for m in exc.messages]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(NinjaValidationError)
def schema_validation_error(request, exc: NinjaValidationError):
    detail = []
    for err in exc.errors:
        loc = [
            str(part)
            for part in err.get("loc", [])
            if part not in ("body", "payload", "query", "path", "header", "cookie")
        ]
        detail.append({"field": ".".join(loc) or None, "message": explain(err)})
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(
        request, {"detail": str(exc) or _("Bạn không có quyền thực hiện thao tác này.")}, status=403
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("Chưa đăng nhập.")}, status=401)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """django-ninja's own refusals, in our words and shapes: a body that is not JSON
    (400, naming ``body``) and a write without its CSRF token (403)."""
    if exc.status_code == 400:
        detail = [{"field": "body", "message": _("Dữ liệu gửi lên không phải JSON hợp lệ.")}]
        return api.create_response(request, {"detail": detail}, status=400)
    if exc.status_code == 403:
        message = _("Thiếu mã CSRF: gửi cookie csrftoken và tiêu đề X-CSRFToken.")
        return api.create_response(request, {"detail": message}, status=403)
    # Any other refusal of django-ninja's own: its English text is not shown.
    message = _("Yêu cầu không thực hiện được (mã %(status)s).") % {"status": exc.status_code}
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Không tìm thấy.")}, status=404)


api.add_router("/v1", core_router)
api.add_router("/v1", targets_router)
api.add_router("/v1", onestop_router)
api.add_router("/v1", onestop_public)
api.add_router("/v1", petitions_router)
api.add_router("/v1", party_router)
