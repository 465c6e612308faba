from django.urls import path

from xaso.petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("tiep-nhan/", views.petition_receive, name="receive"),
    path("tiep-cong-dan/", views.reception_overview, name="reception"),
    path("gui/", views.citizen_submit, name="submit"),
    path("tra-cuu/", views.citizen_track, name="track"),
    path("don/<str:code>/", views.petition_detail, name="detail"),
    path("don/<str:code>/<str:action>/", views.petition_act, name="act"),
]
