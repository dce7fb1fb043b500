"""Reads of the core model for pages and dashboards."""

from .models import Activity


def recent_activities_for(user, limit: int = 10):
    """What the user's home page lists: the latest activities they may see, newest changes first."""
    return Activity.objects.for_user(user).select_related("location", "project").order_by("-updated_at", "-id")[:limit]
