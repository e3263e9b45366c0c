from datetime import timedelta

from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's token check; notes the last use (at most once a minute, one UPDATE)."""

    def authenticate_credentials(self, token):
        user, auth_token = super().authenticate_credentials(token)
        jetzt = timezone.now()
        if auth_token.zuletzt_benutzt is None or auth_token.zuletzt_benutzt < jetzt - timedelta(
            minutes=1
        ):
            type(auth_token).objects.filter(pk=auth_token.pk).update(zuletzt_benutzt=jetzt)
        return user, auth_token

    def authenticate_header(self, request):
        return "Token"
