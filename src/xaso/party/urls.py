from django.urls import path

from xaso.party import admission_views, member_views, rating_views, report_views, views

app_name = "party"

urlpatterns = [
    path("", views.cells, name="cells"),
    path("chi-bo/<str:code>/", views.cell_detail, name="cell"),
    path("chi-bo/<str:code>/dang-vien-moi/", member_views.member_create, name="member_create"),
    path("chi-bo/<str:code>/cap-uy/", member_views.committee_set, name="committee_set"),
    path("chi-bo/<str:code>/chuyen-den/", member_views.transfer_in, name="transfer_in"),
    path("dang-vien/", views.members, name="members"),
    path("dang-vien.xlsx", report_views.members_xlsx, name="members_xlsx"),
    path("dang-vien/<int:pk>/", views.member_detail, name="member"),
    path("dang-vien/<int:pk>/sua/", member_views.member_edit, name="member_edit"),
    path("dang-vien/<int:pk>/bien-dong/", member_views.member_status, name="member_status"),
    path("dang-vien/<int:pk>/chuyen-sinh-hoat/", views.member_transfer, name="transfer"),
    path("dang-vien/<int:pk>/so-yeu.<str:fmt>", report_views.member_paper, name="member_paper"),
    path(
        "dang-vien/<int:pk>/gioi-thieu/<int:transfer>.<str:fmt>",
        report_views.transfer_letter,
        name="transfer_letter",
    ),
    path("co-cau/", report_views.structure_page, name="structure"),
    path("co-cau.xlsx", report_views.structure_xlsx, name="structure_xlsx"),
    path("huy-hieu/", views.badges, name="badges"),
    path("quy-dinh/", views.rule_list, name="rules"),
    path("ket-nap/", admission_views.admission_list, name="admissions"),
    path("ket-nap/moi/", admission_views.admission_start, name="admission_start"),
    path("ket-nap/<int:pk>/", admission_views.admission_detail, name="admission"),
    path(
        "ket-nap/<int:pk>/quyet-dinh.<str:fmt>",
        report_views.admission_decision,
        name="admission_decision",
    ),
    path("ket-nap/<int:pk>/<slug:action>/", admission_views.admission_step, name="admission_step"),
    path("xep-loai/", rating_views.rating_years, name="ratings"),
    path("xep-loai/sua/<int:pk>/", rating_views.rating_correct, name="rating_correct"),
    path("xep-loai/<str:code>/<int:year>/", rating_views.rating_entry, name="rating_entry"),
    path("sinh-hoat/", rating_views.meeting_overview, name="meetings"),
    path("sinh-hoat/buoi/<int:pk>/", rating_views.meeting_detail, name="meeting"),
    path("sinh-hoat/<str:code>/", rating_views.cell_meetings, name="cell_meetings"),
    path("sinh-hoat/<str:code>/ghi/", rating_views.meeting_record, name="meeting_record"),
]
