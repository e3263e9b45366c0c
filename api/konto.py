"""The person's own API tokens: create one (shown once), see name, start, expiry and last use,
revoke. Only hashes are stored (knox)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from api.models import ApiToken
from core.models import Protokolleintrag
from core.protokoll import protokollieren
from core.texte import EINZEILIG


class TokenForm(forms.Form):
    bezeichnung = forms.CharField(
        label="Wofür ist das Token?",
        max_length=100,
        validators=[EINZEILIG],
        help_text="Zum Beispiel „Fachverfahren Jugendhilfe“; hilft später beim Widerrufen.",
    )


def zugang(request):
    form = TokenForm(request.POST or None)
    neues = None
    if request.method == "POST" and form.is_valid():
        token, neues = ApiToken.objects.create(
            user=request.user, bezeichnung=form.cleaned_data["bezeichnung"]
        )
        protokollieren(
            Protokolleintrag.Art.TOKEN,
            betroffen=request.user.get_username(),
            text=f"Token „{token.bezeichnung}“ ({token.token_key}…) erstellt, gültig bis "
            f"{token.expiry:%d.%m.%Y}",
        )
        form = TokenForm()
    return render(
        request,
        "api/zugang.html",
        {
            "form": form,
            "neues_token": neues,
            "tokens": ApiToken.objects.filter(user=request.user),
            "tage": settings.API_TOKEN_TAGE,
        },
        # Created: the token is shown once on this very answer (no redirect could carry it).
        status=201 if neues else 400 if request.method == "POST" else 200,
    )


@require_POST
def widerrufen(request, token_key: str):
    token = get_object_or_404(ApiToken, user=request.user, token_key=token_key)
    token.delete()
    protokollieren(
        Protokolleintrag.Art.TOKEN,
        betroffen=request.user.get_username(),
        text=f"Token „{token.bezeichnung}“ ({token.token_key}…) widerrufen",
    )
    messages.success(request, f"Das Token „{token.bezeichnung}“ ist widerrufen.")
    return redirect("api_zugang")
