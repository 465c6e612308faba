from django.urls import path

from xaso.party import admission_views, views

app_name = "party"

urlpatterns = [
    path("", views.cells, name="cells"),
    path("chi-bo/<str:code>/", views.cell_detail, name="cell"),
    path("dang-vien/", views.members, name="members"),
    path("dang-vien/<int:pk>/", views.member_detail, name="member"),
    path("dang-vien/<int:pk>/chuyen-sinh-hoat/", views.member_transfer, name="transfer"),
    path("huy-hieu/", views.badges, name="badges"),
    path("quy-dinh/", views.rule_list, name="rules"),
    path("ket-nap/", admission_views.admission_list, name="admissions"),
    path("ket-nap/moi/", admission_views.admission_start, name="admission_start"),
    path("ket-nap/<int:pk>/", admission_views.admission_detail, name="admission"),
    path("ket-nap/<int:pk>/<slug:action>/", admission_views.admission_step, name="admission_step"),
]
