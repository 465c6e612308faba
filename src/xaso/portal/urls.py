from django.urls import path

from xaso.portal import petition_views, views

app_name = "portal"

urlpatterns = [
    path("tra-cuu/", views.lookup, name="lookup"),
    # The QR code on the receipt slip points here: reverse("portal:dossier", args=[code]).
    path("tra-cuu/<str:code>/", views.dossier_status, name="dossier"),
    path("tra-cuu/<str:code>/danh-gia/", views.rate, name="rate"),
    path("nop-truc-tuyen/", views.procedures, name="procedures"),
    path("nop-truc-tuyen/da-nop/<str:code>/", views.submitted, name="submitted"),
    path("nop-truc-tuyen/<str:code>/", views.submit, name="submit"),
    path("kien-nghi/", petition_views.petition_send, name="petition_send"),
    path("kien-nghi/theo-doi/", petition_views.petition_track, name="petition_track"),
]
