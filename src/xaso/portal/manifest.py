"""How the citizens' portal plugs in (see ``core.plugins``): no roles, no menu — its
pages need no account — only the audit verbs of what citizens do."""

from django.utils.translation import gettext_lazy as _

from xaso.core.plugins import Manifest

MANIFEST = Manifest(
    app="portal",
    audit_labels={"dossier_consent": _("đồng ý xử lý dữ liệu cá nhân")},
)
