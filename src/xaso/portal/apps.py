from django.utils.translation import gettext_lazy as _

from xaso.core.plugins import XasoAppConfig


class PortalConfig(XasoAppConfig):
    """Pages for citizens, without an account: look up a dossier, submit one online,
    rate the service, send and follow a recommendation or feedback."""

    name = "xaso.portal"
    label = "portal"
    verbose_name = _("Cổng dịch vụ công của xã")
    default = True
