from django.urls import include, path

from xaso.api import api
from xaso.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("chi-tieu/", include("xaso.targets.urls")),
    path("mot-cua/", include("xaso.onestop.urls")),
    path("don-thu/", include("xaso.petitions.urls")),
    path("", include("xaso.portal.urls")),
    path("", include("xaso.core.urls")),
]
