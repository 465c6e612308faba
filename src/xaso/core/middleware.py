"""Request-wide context for the audit log, and security headers Django lacks."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    """Where a write came from: recorded with every audit entry."""

    source: str  # AuditEntry.Source value
    ip: str | None = None
    user_agent: str = ""


_SYSTEM = RequestOrigin(source="system")
_origin: contextvars.ContextVar[RequestOrigin | None] = contextvars.ContextVar(
    "xaso_request_origin", default=None
)


def current_origin() -> RequestOrigin:
    """The origin of the running request; "system" outside one (seeds, CLI set "cli")."""
    return _origin.get() or _SYSTEM


def set_origin(origin: RequestOrigin) -> contextvars.Token:
    return _origin.set(origin)


def reset_origin(token: contextvars.Token) -> None:
    _origin.reset(token)


def client_ip(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by whoever sends the request, so it is
    # trusted only when the operator says a proxy is in front (docs/operations.md).
    from django.conf import settings

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        source = "api" if request.path.startswith("/api/") else "web"
        token = set_origin(
            RequestOrigin(
                source=source,
                ip=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            )
        )
        try:
            return self.get_response(request)
        finally:
            reset_origin(token)


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy: every asset is ours."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/docs"):
            # Ninja's Swagger page is served from our static files but uses inline script.
            response.headers.setdefault(
                "Content-Security-Policy",
                CONTENT_SECURITY_POLICY.replace(
                    "script-src 'self'", "script-src 'self' 'unsafe-inline'"
                ).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
            )
        else:
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response


class LanguageMiddleware:
    """Vietnamese unless the user chose otherwise with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an official
    on an English-language browser would get English pages unasked; xaso is Vietnamese
    first, and only the switch's cookie changes that. The JSON API (``/api/``) has no
    switch: a program asks with ``Accept-Language: en`` (the cookie still wins), and its
    answers vary on that header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        api = request.path_info.startswith("/api/")
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen in dict(settings.LANGUAGES):
            language = chosen
        elif api:
            language = translation.get_language_from_request(request)
        else:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if api:
            from django.utils.cache import patch_vary_headers

            patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response
