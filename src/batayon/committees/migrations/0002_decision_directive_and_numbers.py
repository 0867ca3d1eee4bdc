"""Decisions tied to a directive; decision numbers unique within a meeting.

Before the constraint, a meeting whose decisions share a number (entered by hand) has them
numbered again 1, 2, 3… in their order (number, then entry); other meetings are untouched.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count


def renumber_duplicates(apps, schema_editor):
    Decision = apps.get_model("committees", "Decision")
    meetings = (
        Decision.objects.values("meeting_id", "number").annotate(n=Count("pk")).filter(n__gt=1)
        .values_list("meeting_id", flat=True).distinct()
    )
    for meeting_id in set(meetings):
        decisions = list(Decision.objects.filter(meeting_id=meeting_id).order_by("number", "pk"))
        for position, decision in enumerate(decisions, start=1):
            if decision.number != position:
                decision.number = position
                decision.save(update_fields=["number"])


class Migration(migrations.Migration):

    dependencies = [
        ('committees', '0001_initial'),
        ('compliance', '0005_merge_0004_link_status_unchecked_0004_rule_revisions'),
        ('oversight', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='decision',
            name='directive',
            field=models.ForeignKey(blank=True, help_text='যে নির্দেশনার বাস্তবায়নের অবস্থা দিয়ে অগ্রগতি মাপা হয়', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to='oversight.directive', verbose_name='নির্দেশনা'),
        ),
        migrations.AddField(
            model_name='followup',
            name='directive_counts',
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='decision',
            name='number',
            field=models.PositiveIntegerField(blank=True, help_text='খালি রাখলে সভার পরবর্তী ক্রমিক', verbose_name='ক্রমিক'),
        ),
        migrations.RunPython(renumber_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.UniqueConstraint(fields=('meeting', 'number'), name='one_number_per_meeting', violation_error_message='এই সভায় এই ক্রমিকের একটি সিদ্ধান্ত আগেই আছে।'),
        ),
    ]
