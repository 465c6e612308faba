from django.urls import path

from xaso.petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("tiep-nhan/", views.petition_receive, name="receive"),
    path("tiep-cong-dan/", views.reception_overview, name="reception"),
    path("tiep-cong-dan/buoi-tiep/", views.session_new, name="session_new"),
    path("tiep-cong-dan/doi-thoai/", views.dialogue_new, name="dialogue_new"),
    path(
        "tiep-cong-dan/viec/<int:pk>/xong/",
        views.dialogue_action_done,
        name="dialogue_action_done",
    ),
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/xlsx/", views.statistics_export, name="statistics_export"),
    path("don/<str:code>/", views.petition_detail, name="detail"),
    path("don/<str:code>/<str:action>/", views.petition_act, name="act"),
]
