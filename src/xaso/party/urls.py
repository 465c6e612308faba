from django.urls import path

from xaso.party import admission_views, dues_views, inspection_views, views

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
    path("kiem-tra/", inspection_views.inspection_list, name="inspections"),
    path("kiem-tra/moi/", inspection_views.inspection_record, name="inspection_record"),
    path("kiem-tra/chuong-trinh/moi/", inspection_views.programme_create, name="programme_create"),
    path("kiem-tra/<int:pk>/", inspection_views.inspection_detail, name="inspection"),
    path(
        "kiem-tra/<int:pk>/ket-luan/",
        inspection_views.inspection_conclude,
        name="inspection_conclude",
    ),
    path(
        "kiem-tra/<int:pk>/khac-phuc/",
        inspection_views.inspection_follow_up,
        name="inspection_follow_up",
    ),
    path("ky-luat/moi/", inspection_views.discipline_record, name="discipline_record"),
    path("dang-phi/", dues_views.dues_month, name="dues"),
    path("dang-phi/ghi/", dues_views.dues_record, name="dues_record"),
    path("dang-phi/cham-nop/", dues_views.dues_late, name="dues_late"),
    path("dang-vien/<int:pk>/dang-phi/", dues_views.member_dues, name="member_dues"),
]
