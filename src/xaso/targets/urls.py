from django.urls import path

from xaso.targets import views

app_name = "targets"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nhap/", views.entry, name="entry"),
    path("gui-duyet/", views.submit, name="submit"),
    path("duyet/", views.approval, name="approval"),
    path("xuat.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("xuat.docx", views.export, {"fmt": "docx"}, name="export_docx"),
    path("dinh-nghia/", views.definitions, name="definitions"),
    path("dinh-nghia/nhom/<int:group_pk>/them-chi-tieu/", views.target_add, name="target_add"),
    path("dinh-nghia/chi-tieu/<int:pk>/", views.target_edit, name="target_edit"),
    path(
        "dinh-nghia/chi-tieu/<int:target_pk>/them-thanh-phan/",
        views.measure_add,
        name="measure_add",
    ),
    path("dinh-nghia/thanh-phan/<int:pk>/", views.measure_edit, name="measure_edit"),
    path("dinh-nghia/quy-tac/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("<str:group>/<int:number>/", views.target_detail, name="detail"),
]
