from django.urls import path

from xaso.party import admission_views, rating_views, views

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
    path("xep-loai/", rating_views.rating_years, name="ratings"),
    path("xep-loai/sua/<int:pk>/", rating_views.rating_correct, name="rating_correct"),
    path("xep-loai/<str:code>/<int:year>/", rating_views.rating_entry, name="rating_entry"),
    path("sinh-hoat/", rating_views.meeting_overview, name="meetings"),
    path("sinh-hoat/buoi/<int:pk>/", rating_views.meeting_detail, name="meeting"),
    path("sinh-hoat/<str:code>/", rating_views.cell_meetings, name="cell_meetings"),
    path("sinh-hoat/<str:code>/ghi/", rating_views.meeting_record, name="meeting_record"),
]
