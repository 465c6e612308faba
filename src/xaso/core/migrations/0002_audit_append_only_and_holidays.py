"""Database-level guarantees the model layer cannot give alone:

* the audit log refuses UPDATE and DELETE on SQLite and PostgreSQL (triggers);
* the statutory holidays of the Labor Code 2019, Art. 112, as rows.
"""

from django.db import migrations

SQLITE_TRIGGERS = [
    """CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
    """CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete;",
]
POSTGRES_TRIGGERS = [
    """CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_auditentry_no_change BEFORE UPDATE OR DELETE ON core_auditentry
       FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();""",
    # TRUNCATE skips row triggers; a statement trigger closes that door too.
    """CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only();""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry;",
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry;",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only();",
]


def add_triggers(apps, schema_editor):
    statements = (
        POSTGRES_TRIGGERS if schema_editor.connection.vendor == "postgresql" else (SQLITE_TRIGGERS)
    )
    for sql in statements:
        schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    statements = POSTGRES_DROP if schema_editor.connection.vendor == "postgresql" else (SQLITE_DROP)
    for sql in statements:
        schema_editor.execute(sql)


def load_holidays(apps, schema_editor):
    from xaso.core.workcal import LABOR_CODE_2019_RULES

    HolidayRule = apps.get_model("core", "HolidayRule")
    for rule in LABOR_CODE_2019_RULES:
        HolidayRule.objects.get_or_create(
            name=rule.name,
            calendar=rule.calendar,
            month=rule.month,
            day=rule.day,
            defaults={
                "days": rule.days,
                "offset": rule.offset,
                "legal_basis": rule.legal_basis,
                "first_year": rule.first_year,
                "last_year": rule.last_year,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(add_triggers, drop_triggers),
        migrations.RunPython(load_holidays, migrations.RunPython.noop),
    ]
