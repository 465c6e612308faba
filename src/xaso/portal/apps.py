from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Pages for citizens, without an account: look up a dossier, submit one online,
    rate the service."""

    name = "xaso.portal"
    label = "portal"
    verbose_name = _("Cổng dịch vụ công của xã")

    def ready(self):
        from xaso.core.models import AUDIT_ACTION_LABELS

        AUDIT_ACTION_LABELS.update({"dossier_consent": _("đồng ý xử lý dữ liệu cá nhân")})
