from django.urls import include, path
from django.views.generic import RedirectView

from xaso.api import api
from xaso.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("chi-tieu/", include("xaso.targets.urls")),
    path("mot-cua/", include("xaso.onestop.urls")),
    # The citizen's petition pages moved to the portal; old links keep working.
    path(
        "don-thu/gui/",
        RedirectView.as_view(
            pattern_name="portal:petition_send", query_string=True, permanent=True
        ),
    ),
    path(
        "don-thu/tra-cuu/",
        RedirectView.as_view(
            pattern_name="portal:petition_track", query_string=True, permanent=True
        ),
    ),
    path("don-thu/", include("xaso.petitions.urls")),
    path("dang/", include("xaso.party.urls")),
    path("", include("xaso.portal.urls")),
    path("", include("xaso.core.urls")),
]
