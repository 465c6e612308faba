"""Fees and charges (phí, lệ phí) from a procedure's ``fee_rule`` — plain arithmetic.

Rules are data on the procedure, each with its legal basis (e.g. Circular
226/2016/TT-BTC for certification: 2.000 đ/page for pages 1–2, 1.000 đ/page from page 3,
at most 200.000 đ per copy). Exemptions (e.g. civil-status fees for poor households,
families of people with revolutionary merit, people with disabilities — Circular
281/2016/TT-BTC Art. 5) are listed on the procedure; an exempt applicant pays 0.
"""

from __future__ import annotations


def fee_amount(
    rule: dict,
    *,
    pages: int = 0,
    copies: int = 1,
    exemption: str = "",
    exemptions: list[str] | None = None,
) -> int:
    """The amount in đồng for ``copies`` copies of ``pages`` pages under ``rule``."""
    if exemption and exemption in (exemptions or []):
        return 0
    kind = rule.get("type", "free")
    copies = max(copies, 1)
    if kind == "free":
        return 0
    if kind == "fixed":
        per = rule.get("per", "hồ sơ")
        return int(rule["amount"]) * (copies if per != "hồ sơ" else 1)
    if kind == "per_page":
        first_pages = int(rule.get("first_pages", 2))
        per_copy = min(pages, first_pages) * int(rule["first_rate"]) + max(
            pages - first_pages, 0
        ) * int(rule["rest_rate"])
        if rule.get("max_per_copy"):
            per_copy = min(per_copy, int(rule["max_per_copy"]))
        return per_copy * copies
    raise ValueError(f"Cách tính phí không hợp lệ: {kind!r}")
