"""Every programme already in the database was in the monitor before admissions were recorded:
admit it ("before admissions were recorded") from its ``monitored_from`` period, so no round
loses a report."""

from django.db import migrations


def admit_existing(apps, schema_editor):
    Programme = apps.get_model("projects", "Programme")
    Admission = apps.get_model("projects", "Admission")
    for programme in Programme.objects.filter(parent__isnull=True, admission__isnull=True):
        Admission.objects.create(
            programme=programme, decision_body="earlier", first_period=programme.monitored_from
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0018_admission_classification_departure")]

    operations = [migrations.RunPython(admit_existing, migrations.RunPython.noop)]
