from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="safetycheck",
            index=models.Index(
                condition=models.Q(("home__isnull", False), ("kind__in", ("gas", "electrical"))),
                fields=["done_on", "id"],
                name="safety_check_copies_idx",
            ),
        ),
    ]
