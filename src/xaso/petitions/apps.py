from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "xaso.petitions"
    label = "petitions"
    verbose_name = _("Tiếp công dân, đơn thư")

    def ready(self):
        from xaso.petitions import wiring

        wiring.connect()
