"""Rules get the group a notice decides and the Labor Code in force for their years (2012
until 2020, 2/9 one day; 2019 from 2021); the shipped notices 2020–2027 are loaded."""

from django.db import migrations

GROUPS = {
    "Tết Dương lịch": "new_year",
    "Tết Âm lịch": "tet",
    "Giỗ Tổ Hùng Vương": "hung_kings",
    "Ngày Chiến thắng": "reunification_labour",
    "Ngày Quốc tế lao động": "reunification_labour",
    "Quốc khánh": "national_day",
}


def rules_by_code_and_year(apps, schema_editor):
    from xaso.core import holidays as workcal

    HolidayRule = apps.get_model("core", "HolidayRule")
    statutory = HolidayRule.objects.filter(
        name__in=GROUPS, legal_basis=workcal.HOLIDAY_LEGAL_BASIS, first_year__isnull=True
    )
    for rule in statutory:
        rule.group = GROUPS[rule.name]
        rule.first_year = 2021
        rule.save(update_fields=["group", "first_year"])
    for rule in workcal.LABOR_CODE_RULES:
        if rule.last_year == 2020:
            HolidayRule.objects.get_or_create(
                name=rule.name,
                calendar=rule.calendar,
                month=rule.month,
                day=rule.day,
                legal_basis=rule.legal_basis,
                defaults={
                    "days": rule.days,
                    "offset": rule.offset,
                    "first_year": rule.first_year,
                    "last_year": rule.last_year,
                    "group": rule.group,
                },
            )


def load_notices(apps, schema_editor):
    from xaso.core.notices import load_shipped

    load_shipped(apps.get_model("core", "HolidayNotice"), apps.get_model("core", "CalendarOverride"))


class Migration(migrations.Migration):
    dependencies = [("core", "0007_holiday_notices")]

    operations = [
        migrations.RunPython(rules_by_code_and_year, migrations.RunPython.noop),
        migrations.RunPython(load_notices, migrations.RunPython.noop),
    ]
