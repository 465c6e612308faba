from django.urls import path

from xaso.onestop import views

app_name = "onestop"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("tiep-nhan/", views.intake, name="intake"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("so-theo-doi.pdf", views.register, {"fmt": "pdf"}, name="register_pdf"),
    path("so-theo-doi.xlsx", views.register, {"fmt": "xlsx"}, name="register_xlsx"),
    path("thu-tuc/", views.catalogue, name="catalogue"),
    path("thu-tuc/phi-cua-tinh/", views.province_fees, name="province_fees"),
    path("ho-so/<str:code>/", views.detail, name="detail"),
    path("ho-so/<str:code>/mau-<int:number>.pdf", views.paper, name="paper"),
    path("ho-so/<str:code>/tep/<int:pk>/", views.document, name="document"),
    path("ho-so/<str:code>/<str:action>/", views.act, name="act"),
]
