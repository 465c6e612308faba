from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "xaso.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self):
        from xaso.core import signals  # noqa: F401 - connects the audit receivers
