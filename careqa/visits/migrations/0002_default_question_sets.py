"""Version 1 of the default question set for each kind of service (question_bank)."""

from django.db import migrations


def load_default_sets(apps, schema_editor):
    from careqa.visits.question_bank import DEFAULT_SETS

    question_set = apps.get_model("visits", "QuestionSet")
    question = apps.get_model("visits", "Question")
    for kind, questions in DEFAULT_SETS.items():
        if question_set.objects.filter(kind=kind).exists():
            continue
        created = question_set.objects.create(
            kind=kind, version=1, active=True, created_by_name="CareQA",
            note="CareQA's default questions",
        )
        question.objects.bulk_create(
            question(
                question_set=created,
                key=q.key,
                area=q.area,
                order=order,
                text=q.text,
                guidance=q.guidance,
                evidence=list(q.evidence),
                references=dict(q.references),
            )
            for order, q in enumerate(questions, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]
    operations = [migrations.RunPython(load_default_sets, migrations.RunPython.noop)]
