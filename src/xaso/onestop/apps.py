from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnestopConfig(AppConfig):
    name = "xaso.onestop"
    label = "onestop"
    verbose_name = _("Một cửa")

    def ready(self):
        from xaso.onestop import wiring

        wiring.connect()
