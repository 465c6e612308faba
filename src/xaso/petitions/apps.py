from django.utils.translation import gettext_lazy as _

from xaso.core.plugins import XasoAppConfig


class PetitionsConfig(XasoAppConfig):
    name = "xaso.petitions"
    label = "petitions"
    verbose_name = _("Tiếp công dân, đơn thư")
    default = True
