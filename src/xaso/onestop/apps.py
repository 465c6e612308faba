from django.utils.translation import gettext_lazy as _

from xaso.core.plugins import XasoAppConfig


class OnestopConfig(XasoAppConfig):
    name = "xaso.onestop"
    label = "onestop"
    verbose_name = _("Một cửa")
    default = True
