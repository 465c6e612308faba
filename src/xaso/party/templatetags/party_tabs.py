"""The Party pages' tabs, listed once: each page includes ``party/_nav.html`` with the
name of its own tab."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

TABS = (
    ("cells", "party:cells", _("Chi bộ")),
    ("members", "party:members", _("Đảng viên")),
    ("admissions", "party:admissions", _("Kết nạp")),
    ("meetings", "party:meetings", _("Sinh hoạt chi bộ")),
    ("ratings", "party:ratings", _("Xếp loại chất lượng")),
    ("inspections", "party:inspections", _("Kiểm tra, kỷ luật")),
    ("dues", "party:dues", _("Đảng phí")),
    ("trainings", "party:trainings", _("Đào tạo, bồi dưỡng")),
    ("structure", "party:structure", _("Cơ cấu")),
    ("badges", "party:badges", _("Huy hiệu Đảng")),
    ("rules", "party:rules", _("Quy định áp dụng")),
)


@register.simple_tag
def party_tabs(current: str) -> list[dict]:
    return [
        {"url": reverse(name), "label": label, "selected": key == current}
        for key, name, label in TABS
    ]
