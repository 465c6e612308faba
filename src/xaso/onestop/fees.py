"""Fees and charges (phí, lệ phí) from a procedure's ``fee_rule`` — plain arithmetic.

Rules are data on the procedure, each with its legal basis (e.g. Circular
226/2016/TT-BTC for certification: 2.000 đ/page for pages 1–2, 1.000 đ/page from page 3,
at most 200.000 đ per copy). Exemptions are listed on the procedure (e.g. civil-status
fees for families of people with revolutionary merit, poor households, people with
disabilities, and birth and death registered on time — Luật Hộ tịch 2014 Art. 11 clause
1); an exempt applicant pays 0.

``{"type": "province"}``: the amount is set by the province's People's Council (the
civil-status fees, Luật Hộ tịch Art. 11 clause 2 and Circular 85/2019/TT-BTC) and kept
per province (``ProvinceFee``); the caller passes it as ``province_amount``. When the
province's amount has not been entered the fee is unknown: ``fee_amount`` answers
``None``, never a silent 0.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xaso.core.vietnamese import format_vnd

#: What every page and form says of a fee the province sets whose amount is not entered
#: yet, after "chưa nhập" (Vietnamese here — a printed form is; pages translate it).
NOT_ENTERED = gettext_noop("mức thu do Hội đồng nhân dân tỉnh quy định chưa được nhập vào hệ thống")

#: ``per`` values that mean "one amount for the whole dossier", not multiplied by copies.
PER_DOSSIER = "hồ sơ"


def _per_unit(amount: int, rule: dict, copies: int) -> int:
    per = rule.get("per", PER_DOSSIER)
    return amount * (copies if per != PER_DOSSIER else 1)


def fee_amount(
    rule: dict,
    *,
    pages: int = 0,
    copies: int = 1,
    exemption: str = "",
    exemptions: list[str] | None = None,
    province_amount: int | None = None,
) -> int | None:
    """The amount in đồng for ``copies`` copies of ``pages`` pages under ``rule``, or
    ``None`` when the rule's amount is the province's and ``province_amount`` is not
    known."""
    if exemption and exemption in (exemptions or []):
        return 0
    kind = rule.get("type", "free")
    copies = max(copies, 1)
    if kind == "free":
        return 0
    if kind == "fixed":
        return _per_unit(int(rule["amount"]), rule, copies)
    if kind == "province":
        if province_amount is None:
            return None
        return _per_unit(int(province_amount), rule, copies)
    if kind == "per_page":
        first_pages = int(rule.get("first_pages", 2))
        per_copy = min(pages, first_pages) * int(rule["first_rate"]) + max(
            pages - first_pages, 0
        ) * int(rule["rest_rate"])
        if rule.get("max_per_copy"):
            per_copy = min(per_copy, int(rule["max_per_copy"]))
        return per_copy * copies
    raise ValueError(f"Cách tính phí không hợp lệ: {kind!r}")


def rule_text(rule: dict, province_amount: int | None = None) -> str:
    """The rule in words for a page: "8.000 đồng/bản", "Không thu", "chưa nhập"…"""
    kind = rule.get("type", "free")
    if kind == "free":
        return _("Không thu")
    if kind == "fixed":
        return f"{format_vnd(int(rule['amount']))}/{rule.get('per', PER_DOSSIER)}"
    if kind == "province":
        if province_amount is None:
            return _("chưa nhập")
        return f"{format_vnd(int(province_amount))}/{rule.get('per', PER_DOSSIER)}"
    if kind == "per_page":
        text = _("%(first)s/trang cho %(n)s trang đầu, %(rest)s/trang từ trang thứ %(next)s") % {
            "first": format_vnd(int(rule["first_rate"])),
            "n": int(rule.get("first_pages", 2)),
            "rest": format_vnd(int(rule["rest_rate"])),
            "next": int(rule.get("first_pages", 2)) + 1,
        }
        if rule.get("max_per_copy"):
            text += _(", tối đa %(max)s/bản") % {"max": format_vnd(int(rule["max_per_copy"]))}
        return text
    return kind
