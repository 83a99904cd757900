"""Background jobs for rent (run by `hearth worker`): thin wrappers that call services."""

from __future__ import annotations

from django_tasks import task


@task()
def send_review_notices(review_id: int, actor_id: int | None) -> str:
    """Send a rent review's notices of variation to every tenancy still to have one."""
    from hearth.accounts.models import User
    from hearth.rents.services.review import send_all_notices

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    counts = send_all_notices(review_id=review_id, actor=actor)
    return ", ".join(f"{status}: {count}" for status, count in sorted(counts.items())) or "none"
