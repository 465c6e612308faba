from django.utils.translation import gettext_lazy as _

from xaso.core.plugins import XasoAppConfig


class TargetsConfig(XasoAppConfig):
    name = "xaso.targets"
    label = "targets"
    verbose_name = _("Chỉ tiêu nghị quyết")
    default = True
