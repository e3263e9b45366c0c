from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.workflow import WorkflowError
from notifications import selectors, services
from notifications.models import Benachrichtigung


@permission_required("notifications.ansehen", raise_exception=True)
def liste(request):
    qs = Benachrichtigung.objects.filter(empfaenger=request.user)
    seite = Paginator(qs, 50).get_page(request.GET.get("seite"))
    return render(request, "notifications/liste.html", {"seite": seite})


@permission_required("notifications.ansehen", raise_exception=True)
def oeffnen(request, pk: int):
    """The link in app and mail: marks the message read and leads to its page."""
    nachricht = get_object_or_404(Benachrichtigung, pk=pk, empfaenger=request.user)
    services.benachrichtigungen_gelesen(user=request.user, nachricht=nachricht)
    if url_has_allowed_host_and_scheme(nachricht.link, allowed_hosts={request.get_host()}):
        return redirect(nachricht.link)
    return redirect("benachrichtigungen")


@require_POST
@permission_required("notifications.ansehen", raise_exception=True)
def alle_gelesen(request):
    services.benachrichtigungen_gelesen(user=request.user)
    return redirect("benachrichtigungen")


@permission_required("notifications.versand_pruefen", raise_exception=True)
def versand(request):
    """Mails that could not be delivered, with the reason; Sozialplanung may try them again."""
    return render(
        request,
        "notifications/versand.html",
        {"fehlgeschlagen": selectors.fehlgeschlagene_mails()},
    )


@require_POST
@permission_required("notifications.versand_pruefen", raise_exception=True)
def erneut_senden(request, pk: int):
    nachricht = get_object_or_404(Benachrichtigung, pk=pk)
    try:
        services.mail_erneut_senden(benachrichtigung=nachricht, user=request.user)
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Die Mail an {nachricht.empfaenger} wird erneut gesendet.")
    return redirect("mailversand")
