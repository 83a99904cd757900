# Also merges the two 0003 migrations.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('involvement', '0003_newsletter_community_events'),
        ('involvement', '0003_queue_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='answer',
            name='ref',
            field=models.CharField(blank=True, max_length=60, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='response',
            name='channel',
            field=models.CharField(choices=[('email', 'Email'), ('text', 'Text message'), ('letter', 'Letter'), ('phone', 'Phone interview'), ('face_to_face', 'Face-to-face interview'), ('imported', 'Imported from another system')], max_length=20),
        ),
        migrations.AlterField(
            model_name='invitation',
            name='channel',
            field=models.CharField(choices=[('email', 'Email'), ('text', 'Text message'), ('letter', 'Letter'), ('phone', 'Phone interview'), ('face_to_face', 'Face-to-face interview'), ('imported', 'Imported from another system')], max_length=20),
        ),
        migrations.AlterField(
            model_name='questionnaireresponse',
            name='channel',
            field=models.CharField(choices=[('email', 'Email'), ('text', 'Text message'), ('letter', 'Letter'), ('phone', 'Phone interview'), ('face_to_face', 'Face-to-face interview'), ('imported', 'Imported from another system')], max_length=20),
        ),
    ]
