from datetime import timedelta

from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication

from core.models import Protokolleintrag
from core.protokoll import protokollieren


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's token check; notes the last use (at most once a minute, one UPDATE)."""

    def authenticate_credentials(self, token):
        user, auth_token = super().authenticate_credentials(token)
        jetzt = timezone.now()
        zuletzt = auth_token.zuletzt_benutzt
        if zuletzt is None or zuletzt < jetzt - timedelta(minutes=1):
            type(auth_token).objects.filter(pk=auth_token.pk).update(zuletzt_benutzt=jetzt)
        if zuletzt is None or timezone.localdate(zuletzt) != timezone.localdate(jetzt):
            # The audit log notes a token's use once a day, not every request.
            protokollieren(
                Protokolleintrag.Art.TOKEN,
                betroffen=user.get_username(),
                text=f"Token „{auth_token.bezeichnung}“ ({auth_token.token_key}…) benutzt",
                handelnde=user,
            )
        return user, auth_token

    def authenticate_header(self, request):
        return "Token"
