from notifications.models import Benachrichtigung


def ungelesen(request) -> dict:
    """The bell in the header: how many of the user's messages are unread (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "ungelesen": Benachrichtigung.objects.filter(
            empfaenger=user, gelesen_am__isnull=True
        ).count()
    }
