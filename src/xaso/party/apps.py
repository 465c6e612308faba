from django.utils.translation import gettext_lazy as _

from xaso.core.plugins import XasoAppConfig


class PartyConfig(XasoAppConfig):
    name = "xaso.party"
    label = "party"
    verbose_name = _("Công tác Đảng")
    default = True
