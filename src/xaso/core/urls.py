from django.contrib.auth import views as auth_views
from django.urls import path

from xaso.core import calendar_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("don-vi/", views.org_unit_list, name="org_units"),
    path("don-vi/<str:code>/", views.org_unit_detail, name="org_unit_detail"),
    path("don-vi/<str:code>/sua/", views.org_unit_edit, name="org_unit_edit"),
    path("don-vi/<str:code>/them/", views.org_unit_create, name="org_unit_create"),
    path("tai-khoan/", views.user_list, name="users"),
    path("tai-khoan/them/", views.user_create, name="user_create"),
    path("tai-khoan/<str:username>/", views.user_detail, name="user_detail"),
    path(
        "tai-khoan/<str:username>/vai-tro/<int:pk>/thu-hoi/", views.role_revoke, name="role_revoke"
    ),
    path("nhat-ky/", views.audit_list, name="audit"),
    path("lich/", calendar_views.calendar_year, name="calendar"),
    path("lich/dieu-chinh/", calendar_views.calendar_override_add, name="calendar_override_add"),
    path("lich/thong-bao/", calendar_views.holiday_notice_add, name="holiday_notice_add"),
    path(
        "lich/dieu-chinh/<int:pk>/xoa/",
        calendar_views.calendar_override_delete,
        name="calendar_override_delete",
    ),
    path(
        "lich/gio-lam-viec/<str:code>/", calendar_views.office_schedule_edit, name="office_schedule"
    ),
]
