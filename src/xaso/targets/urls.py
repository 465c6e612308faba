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
    path("<str:group>/<int:number>/", views.target_detail, name="detail"),
]
