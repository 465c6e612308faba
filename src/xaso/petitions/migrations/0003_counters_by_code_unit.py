from django.db import migrations


def forwards(apps, schema_editor):
    from xaso.core.migration_helpers import merge_counters_into_code_units

    merge_counters_into_code_units(apps, "petitions", "PetitionCounter")


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0002_event_time_as_recorded"),
        ("core", "0002_audit_append_only_and_holidays"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
