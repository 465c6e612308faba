from django.utils.translation import gettext_lazy as _

from xaso.core.plugins import XasoAppConfig


class SeedConfig(XasoAppConfig):
    """The Long Hẹ data taken from the report, the demo accounts, the ``demo`` command
    and the benchmark dataset."""

    name = "xaso.seed"
    label = "seed"
    verbose_name = _("Dữ liệu xã Long Hẹ và dữ liệu demo")
    default = True
