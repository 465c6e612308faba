from django.utils.translation import gettext_lazy as _

from xaso.core.plugins import XasoAppConfig


class CoreConfig(XasoAppConfig):
    name = "xaso.core"
    label = "core"
    verbose_name = _("Nền tảng")
    default = True

    def ready(self):
        super().ready()
        from xaso.core import signals  # noqa: F401 - connects the audit receivers
