"""Helpers for data migrations (historical models, so no model methods)."""

from __future__ import annotations


def merge_counters_into_code_units(apps, app_label: str, model_name: str) -> None:
    """Re-key day counters onto the unit whose identifier heads the codes
    (``core.codes.code_unit``), keeping the highest number given for each day, so the
    next code continues after every code already made with the same head."""
    OrgUnit = apps.get_model("core", "OrgUnit")
    Counter = apps.get_model(app_label, model_name)
    units = {u.pk: u for u in OrgUnit.objects.only("pk", "code", "gov_code", "kind", "path")}
    by_code = {u.code: u for u in units.values()}

    def head(unit):
        if unit.gov_code:
            return unit
        for code in reversed([c for c in unit.path.split("/") if c]):
            found = by_code.get(code)
            if found is not None and found.kind == "commune":
                return found
        return unit

    for row in Counter.objects.order_by("pk").iterator():
        target_unit = head(units[row.org_unit_id])
        if target_unit.pk == row.org_unit_id:
            continue
        target, _created = Counter.objects.get_or_create(
            org_unit_id=target_unit.pk, day=row.day, defaults={"last": 0}
        )
        if row.last > target.last:
            target.last = row.last
            target.save(update_fields=["last"])
        row.delete()
