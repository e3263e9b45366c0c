from notifications.models import Benachrichtigung


def ungelesen(request) -> dict:
    """The bell in the header: how many of the user's messages are unread (one query per
    request: parts of a page rendered on their own run the context processors again)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not hasattr(request, "_ungelesen"):
        request._ungelesen = Benachrichtigung.objects.filter(
            empfaenger=user, gelesen_am__isnull=True
        ).count()
    return {"ungelesen": request._ungelesen}
