from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.forms import fehler_anzeigen
from core.rechte import objekt_fuer
from core.texte import ganzzahl
from core.workflow import WorkflowError, moegliche_uebergaenge, verlauf
from empfehlungen import aehnlichkeit, selectors, services
from empfehlungen.erweiterungen import (
    ANREGUNG_HERKUNFT,
    EMPFEHLUNG_ABSCHNITTE,
    VERANSTALTUNG_ABSCHNITTE,
)
from empfehlungen.forms import (
    AnregungForm,
    EmpfehlungForm,
    FilterForm,
    SammelForm,
    SchrittForm,
    StatistikpruefungForm,
    VeranstaltungForm,
)
from empfehlungen.models import Anregung, Handlungsempfehlung, Veranstaltung
from freigabe.views import freigabe_kontext, inhalt_bearbeiten
from massnahmen.forms import SteckbriefForm
from massnahmen.models import Massnahmensteckbrief
from massnahmen.selectors import steckbriefe_suchen
from stammdaten.models import Handlungsfeld

S = Anregung.Status
SEITENGROESSE = 50
ANZEIGE_HOECHSTENS = 200  # a Veranstaltung page lists at most this many; the queue has all


class BekannteAnzahlPaginator(Paginator):
    """The total is known from the counts per state, so no extra COUNT query."""

    def __init__(self, *args, anzahl: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.anzahl = anzahl

    @property
    def count(self) -> int:
        return self.anzahl


def _zurueck(request, standard: str) -> str:
    ziel = request.POST.get("zurueck") or request.GET.get("zurueck") or ""
    # Only a path of this site: "0" or "liste" would be taken for a URL name by redirect().
    if ziel.startswith("/") and url_has_allowed_host_and_scheme(
        ziel, allowed_hosts={request.get_host()}
    ):
        return ziel
    return standard


# --- Veranstaltungen ----------------------------------------------------------------------------
@permission_required("empfehlungen.veranstaltung_ansehen", raise_exception=True)
def veranstaltung_liste(request):
    return render(
        request,
        "empfehlungen/veranstaltung_liste.html",
        {"veranstaltungen": selectors.veranstaltungen()},
    )


@permission_required("empfehlungen.veranstaltung_ansehen", raise_exception=True)
def veranstaltung_detail(request, pk: int):
    veranstaltung = get_object_or_404(selectors.veranstaltungen(), pk=pk)
    je_status = selectors.anzahl_je_status(veranstaltung.anregungen.all())
    anregungen = None
    if request.user.has_perm("empfehlungen.anregung_ansehen"):
        anregungen = selectors.listenzeilen(
            selectors.fuer_liste(veranstaltung.anregungen.all())[:ANZEIGE_HOECHSTENS]
        )
    return render(
        request,
        "empfehlungen/veranstaltung_detail.html",
        {
            "veranstaltung": veranstaltung,
            "je_status": [(label, je_status.get(wert, 0)) for wert, label in S.choices],
            "anregungen": anregungen,
            "abschnitte": VERANSTALTUNG_ABSCHNITTE.rendern(request, veranstaltung),
        },
    )


@permission_required("empfehlungen.veranstaltung_bearbeiten", raise_exception=True)
def veranstaltung_bearbeiten(request, pk: int | None = None):
    veranstaltung = get_object_or_404(Veranstaltung, pk=pk) if pk else None
    form = VeranstaltungForm(request.POST or None, instance=veranstaltung)
    if request.method == "POST" and form.is_valid():
        veranstaltung = services.veranstaltung_speichern(
            user=request.user, veranstaltung=veranstaltung, **form.cleaned_data
        )
        messages.success(request, f"Veranstaltung „{veranstaltung}“ gespeichert.")
        return redirect("veranstaltung_detail", pk=veranstaltung.pk)
    return render(
        request,
        "empfehlungen/veranstaltung_form.html",
        {"form": form, "veranstaltung": veranstaltung},
    )


# --- Triage queue -------------------------------------------------------------------------------
@permission_required("empfehlungen.anregung_ansehen", raise_exception=True)
def anregung_liste(request):
    veranstaltungen = list(Veranstaltung.objects.select_related("sozialraum"))
    form = FilterForm(request.GET, veranstaltungen=veranstaltungen)
    f = form.werte()
    qs, ohne_status = selectors.anregungen_gefiltert(
        user=request.user,
        status=f.get("status", ""),
        sozialraum=f.get("sozialraum", ""),
        handlungsfeld=f.get("handlungsfeld", ""),
        veranstaltung=f.get("veranstaltung", ""),
        mir_zugewiesen=f.get("mir", False),
        suche=f.get("suche", ""),
    )
    zaehler = selectors.anzahl_je_status(ohne_status)
    status = f.get("status", "")
    if status == "offen":
        treffer = sum(n for s, n in zaehler.items() if s not in Anregung.ABGESCHLOSSEN)
    elif status:
        treffer = zaehler.get(status, 0)
    else:
        treffer = sum(zaehler.values())
    paginator = BekannteAnzahlPaginator(selectors.fuer_liste(qs), SEITENGROESSE, anzahl=treffer)
    seite = paginator.get_page(request.GET.get("seite"))
    seite.object_list = selectors.listenzeilen(seite.object_list)
    filter_query = urlencode([(k, v) for k, v in request.GET.items() if k != "seite" and v])
    ohne_status = [(k, v) for k, v in request.GET.items() if k not in ("seite", "status") and v]
    zaehler_links = [
        (label, zaehler.get(wert, 0), urlencode([*ohne_status, ("status", wert)]), wert == status)
        for wert, label in S.choices
    ]
    return render(
        request,
        "empfehlungen/anregung_liste.html",
        {
            "form": form,
            "seite": seite,
            "treffer": treffer,
            "zaehler": [(wert, label, zaehler.get(wert, 0)) for wert, label in S.choices],
            "zaehler_links": zaehler_links,
            "alle_query": urlencode(ohne_status),
            "gesamt": sum(zaehler.values()),
            "filter_query": filter_query,
            "sammel": SammelForm(),
            "hier": request.get_full_path(),
        },
    )


@require_POST
@permission_required("empfehlungen.anregung_bearbeiten", raise_exception=True)
def anregung_sammelaktion(request):
    form = SammelForm(request.POST)
    ziel = _zurueck(request, reverse("anregung_liste"))
    if not form.is_valid():
        for fehler in form.errors.values():
            messages.error(request, " ".join(fehler))
        return redirect(ziel)
    ids = [a.pk for a in form.cleaned_data["auswahl"]]
    aktion = form.cleaned_data["aktion"]
    try:
        if aktion == "zuweisen":
            n = services.anregungen_zuweisen(
                anregung_ids=ids, user=request.user, zustaendig=request.user
            )
            messages.success(request, f"{n} Anregung(en) Ihnen zugewiesen.")
        elif aktion == "handlungsfeld":
            feld = form.cleaned_data["handlungsfeld"]
            n = services.anregungen_handlungsfeld_setzen(
                anregung_ids=ids, user=request.user, handlungsfeld=feld
            )
            messages.success(request, f"Handlungsfeld „{feld}“ für {n} Anregung(en) gesetzt.")
        else:
            original = form.cleaned_data["original"]
            n = services.anregungen_als_dublette(
                anregung_ids=ids, user=request.user, original=original
            )
            messages.success(
                request, f"{n} Anregung(en) als Dublette von {original.nummer} geschlossen."
            )
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect(ziel)


# --- Entry --------------------------------------------------------------------------------------
@permission_required("empfehlungen.anregung_bearbeiten", raise_exception=True)
def anregung_erfassen(request):
    status = 200
    if request.method == "POST":
        form = AnregungForm(request.POST)
        status = 400
        try:
            anregung = (
                services.anregung_erfassen(user=request.user, **form.cleaned_data)
                if form.is_valid()
                else None
            )
        except WorkflowError as exc:
            fehler_anzeigen(form, exc)
            anregung = None
        if anregung is not None:
            messages.success(request, f"{anregung.nummer} gespeichert. Nächste Anregung:")
            behalten = {
                k: form.cleaned_data[k].pk
                for k in ("veranstaltung", "sozialraum")
                if form.cleaned_data.get(k)
            }
            if not form.cleaned_data.get("sozialraum"):
                behalten["sozialraum"] = "stadtweit"
            if form.cleaned_data.get("quelle"):
                behalten["quelle"] = form.cleaned_data["quelle"]
            return redirect(f"{reverse('anregung_erfassen')}?{urlencode(behalten)}")
    else:
        initial = {"quelle": request.GET.get("quelle", "")}
        veranstaltung = Veranstaltung.objects.filter(
            pk=ganzzahl(request.GET.get("veranstaltung"))
        ).first()
        if veranstaltung:
            initial["veranstaltung"] = veranstaltung
            initial["sozialraum"] = veranstaltung.sozialraum
        if request.GET.get("sozialraum") == "stadtweit":
            initial["sozialraum"] = None
        elif (pk := ganzzahl(request.GET.get("sozialraum"))) is not None:
            initial["sozialraum"] = pk
        form = AnregungForm(initial=initial)
    zuletzt = selectors.zuletzt_erfasst(request.user)
    return render(
        request,
        "empfehlungen/anregung_erfassen.html",
        {"form": form, "zuletzt": zuletzt},
        status=status,
    )


# --- One Anregung: research ---------------------------------------------------------------------
@permission_required("empfehlungen.anregung_ansehen", raise_exception=True)
def anregung_detail(request, pk: int):
    anregung = get_object_or_404(selectors.anregung_fuer_seite(), pk=pk)
    recherche = {}
    if anregung.status in (S.EINGEGANGEN, S.IN_RECHERCHE, S.ANGEBOT_VORHANDEN, S.BEDARF_BELEGT):
        suche = request.GET.get("suche", "").strip()
        gebiet = None if request.GET.get("ueberall") else anregung.sozialraum
        feld = Handlungsfeld.objects.filter(pk=ganzzahl(request.GET.get("handlungsfeld"))).first()
        gesucht = bool(suche or feld)
        recherche = {
            "suche": suche,
            "ueberall": bool(request.GET.get("ueberall")),
            "handlungsfeld": feld,
            "handlungsfelder": Handlungsfeld.objects.filter(aktiv=True),
            "gesucht": gesucht,
            "steckbriefe": list(
                steckbriefe_suchen(suche=suche, sozialraum=gebiet, handlungsfeld=feld)[:10]
            )
            if gesucht
            else [],
            "empfehlungen": list(
                selectors.empfehlungen_suchen(suche=suche, sozialraum=gebiet, handlungsfeld=feld)[
                    :10
                ]
            )
            if gesucht
            else [],
        }
    aehnliche = aehnlichkeit.aehnliche_anregungen(anregung)
    return render(
        request,
        "empfehlungen/anregung_detail.html",
        {
            "anregung": anregung,
            "verlauf": verlauf(anregung),
            "schritte": _schritte(anregung, request.user),
            "empfehlungen": anregung.empfehlungen.all(),
            "dubletten": anregung.dubletten.all(),
            "pruefungen": anregung.statistikpruefungen.select_related("erstellt_von"),
            "recherche": recherche,
            "aehnliche_anregungen": aehnliche,
            "cluster_moeglich": anregung.status == S.BEDARF_BELEGT
            and any(t.objekt.status == S.BEDARF_BELEGT for t in aehnliche),
            "aehnliche_empfehlungen": [
                t.objekt for t in aehnlichkeit.aehnliche_empfehlungen(anregung.text, 3)
            ],
            "aehnliche_steckbriefe": [
                t.objekt for t in aehnlichkeit.aehnliche_steckbriefe(anregung.text, 3)
            ],
            "darf_bearbeiten": request.user.has_perm("empfehlungen.anregung_bearbeiten"),
            "herkunft": ANREGUNG_HERKUNFT.rendern(request, anregung),
        },
    )


def _schritte(anregung: Anregung, user) -> list[str]:
    schritte = moegliche_uebergaenge(anregung, user)
    if "recherche_beginnen" in schritte:
        # Closing straight from "eingegangen": the services pass through Recherche first.
        schritte += ["als_dublette", "nicht_zustaendig"]
    return schritte


@require_POST
@permission_required("empfehlungen.anregung_bearbeiten", raise_exception=True)
def anregung_schritt(request, pk: int, aktion: str):
    anregung = get_object_or_404(Anregung, pk=pk)
    form = SchrittForm(request.POST)
    form.is_valid()
    d = form.cleaned_data
    user = request.user
    ziel = reverse("anregung_detail", args=[anregung.pk])
    try:
        if aktion == "recherche":
            services.anregung_recherche_beginnen(
                anregung=anregung, user=user, kommentar=d.get("kommentar", "")
            )
            erfolg = "Recherche begonnen."
        elif aktion == "angebot":
            steckbrief = get_object_or_404(Massnahmensteckbrief, pk=d.get("steckbrief") or 0)
            anregung = services.anregung_angebot_vorhanden(
                anregung=anregung, user=user, steckbrief=steckbrief
            )
            erfolg = f"Angebot vorhanden: „{steckbrief.titel}“."
            if anregung.status == S.ANGEBOT_VORHANDEN:
                erfolg += " Das Angebot ist befristet: Bitte eine Empfehlung zur Verlängerung oder Verstetigung anlegen oder verknüpfen."
        elif aktion == "statistik":
            services.anregung_zur_statistikpruefung(
                anregung=anregung, user=user, kommentar=d.get("kommentar", "")
            )
            messages.success(request, "Bitte jetzt die Statistikprüfung durchführen.")
            return redirect("anregung_statistikpruefung", pk=anregung.pk)
        elif aktion == "dublette":
            original_anregung, original_empfehlung = _original(d)
            services.anregung_als_dublette(
                anregung=anregung,
                user=user,
                original_anregung=original_anregung,
                original_empfehlung=original_empfehlung,
            )
            erfolg = "Als Dublette geschlossen."
        elif aktion == "nicht-zustaendig":
            services.anregung_nicht_zustaendig(
                anregung=anregung, user=user, grund=d.get("grund", "")
            )
            erfolg = "Als „nicht zuständig“ geschlossen."
        elif aktion == "wieder-aufnehmen":
            services.anregung_wieder_aufnehmen(
                anregung=anregung, user=user, kommentar=d.get("kommentar", "")
            )
            erfolg = "Die Anregung ist wieder in Recherche."
        elif aktion == "verknuepfen":
            empfehlung = get_object_or_404(Handlungsempfehlung, pk=d.get("empfehlung") or 0)
            services.anregungen_verknuepfen(empfehlung=empfehlung, anregungen=[anregung], user=user)
            erfolg = f"Mit der Empfehlung {empfehlung.nummer} verknüpft."
        else:
            raise Http404("Unbekannter Schritt.")
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect(ziel)
    messages.success(request, erfolg)
    return redirect(ziel)


def _original(daten) -> tuple[Anregung | None, Handlungsempfehlung | None]:
    if daten.get("empfehlung"):
        return None, get_object_or_404(Handlungsempfehlung, pk=daten["empfehlung"])
    if not (daten.get("original") or "").strip():
        return None, None
    return selectors.anregung_aus_nummer(daten["original"]), None


@permission_required("empfehlungen.anregung_ansehen", raise_exception=True)
def anregung_statistikpruefung(request, pk: int):
    anregung = get_object_or_404(Anregung.objects.select_related("sozialraum"), pk=pk)
    statistik = selectors.statistik_fuer(anregung.sozialraum)
    form = None
    if anregung.status == S.STATISTIKPRUEFUNG and request.user.has_perm(
        "empfehlungen.anregung_bearbeiten"
    ):
        form = StatistikpruefungForm(request.POST or None, zeilen=statistik.zeilen)
        if request.method == "POST" and form.is_valid():
            try:
                services.statistikpruefung_abschliessen(
                    anregung=anregung,
                    user=request.user,
                    ergebnis=form.cleaned_data["ergebnis"],
                    begruendung=form.cleaned_data["begruendung"],
                    kennzahl_ids=[int(k) for k in form.cleaned_data["kennzahlen"]],
                    jahr=statistik.jahr,
                )
            except WorkflowError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "Statistikprüfung gespeichert.")
                return redirect("anregung_detail", pk=anregung.pk)
    elif request.method == "POST":
        messages.error(
            request,
            f"Im Zustand „{anregung.get_status_display()}“ ist keine Statistikprüfung möglich.",
        )
        return redirect("anregung_detail", pk=anregung.pk)
    return render(
        request,
        "empfehlungen/statistikpruefung.html",
        {
            "anregung": anregung,
            "statistik": statistik,
            "form": form,
            "pruefungen": anregung.statistikpruefungen.select_related("erstellt_von"),
        },
    )


# --- Drafts from an Anregung --------------------------------------------------------------------
@permission_required("massnahmen.steckbrief_bearbeiten", raise_exception=True)
def anregung_steckbrief_neu(request, pk: int):
    anregung = get_object_or_404(Anregung.objects.select_related("sozialraum"), pk=pk)
    initial = {
        "titel": anregung.text[:80],
        "beschreibung": anregung.text,
        "zielgruppe": anregung.zielgruppe,
        "handlungsfeld": anregung.handlungsfeld_id,
        "stadtweit": anregung.sozialraum_id is None,
        "sozialraeume": [anregung.sozialraum_id] if anregung.sozialraum_id else [],
    }
    form = SteckbriefForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                steckbrief = services.anregung_steckbrief_anlegen(
                    anregung=anregung, user=request.user, **form.inhalt()
                )
            except WorkflowError as exc:
                fehler_anzeigen(form, exc)
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    f"Steckbrief „{steckbrief.titel}“ angelegt und mit {anregung.nummer} verknüpft.",
                )
                return redirect("anregung_detail", pk=anregung.pk)
    return render(
        request,
        "empfehlungen/anregung_steckbrief_neu.html",
        {"form": form, "anregung": anregung, "objekt": None},
        status=status,
    )


@permission_required("empfehlungen.empfehlung_bearbeiten", raise_exception=True)
def anregung_empfehlung_neu(request, pk: int):
    anregung = get_object_or_404(Anregung.objects.select_related("sozialraum", "steckbrief"), pk=pk)
    # Other cards of the same cluster that may feed the same Empfehlung.
    kandidaten = [
        t.objekt
        for t in aehnlichkeit.aehnliche_anregungen(anregung, 10)
        if t.objekt.status == S.BEDARF_BELEGT
    ]
    # GET ticks the boxes the cluster form chose; a POST takes only what is ticked now.
    quelle = request.POST if request.method == "POST" else request.GET
    weitere_ids = {n for x in quelle.getlist("weitere") if (n := ganzzahl(x)) is not None}
    pruefung = anregung.letzte_pruefung()
    bestand = anregung.status == S.ANGEBOT_VORHANDEN and anregung.steckbrief_id
    initial = {
        "titel": anregung.text[:80],
        "text": anregung.text,
        "begruendung": f"Statistikprüfung {anregung.nummer}: {pruefung.begruendung}"
        if pruefung
        else "",
        "art": Handlungsempfehlung.Art.VERLAENGERUNG if bestand else Handlungsempfehlung.Art.NEU,
        "steckbrief": anregung.steckbrief_id,
        "handlungsfeld": anregung.handlungsfeld_id,
        "stadtweit": anregung.sozialraum_id is None,
        "sozialraeume": [anregung.sozialraum_id] if anregung.sozialraum_id else [],
        "federfuehrung": anregung.steckbrief.federfuehrung_id if bestand else None,
    }
    form = EmpfehlungForm(request.POST or None, initial=initial)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        weitere = [k for k in kandidaten if k.pk in weitere_ids]
        try:
            empfehlung = services.empfehlung_anlegen(
                user=request.user, anregungen=[anregung, *weitere], **form.inhalt()
            )
        except WorkflowError as exc:
            fehler_anzeigen(form, exc)
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"Empfehlung {empfehlung.nummer} angelegt; "
                f"{1 + len(weitere)} Anregung(en) verknüpft.",
            )
            return redirect("empfehlung_detail", pk=empfehlung.pk)
    return render(
        request,
        "empfehlungen/empfehlung_form.html",
        {
            "form": form,
            "anregung": anregung,
            "kandidaten": kandidaten,
            "weitere_ids": weitere_ids,
            "objekt": None,
        },
        status=status,
    )


# --- Empfehlungen -------------------------------------------------------------------------------
@permission_required("empfehlungen.empfehlung_ansehen", raise_exception=True)
def empfehlung_liste(request):
    suche = request.GET.get("suche", "")
    qs = selectors.empfehlungen_fuer(request.user, suche=suche)
    seite = Paginator(qs, SEITENGROESSE).get_page(request.GET.get("seite"))
    return render(
        request,
        "empfehlungen/empfehlung_liste.html",
        {
            "seite": seite,
            "suche": suche,
            "filter_query": urlencode({"suche": suche}) if suche else "",
        },
    )


@permission_required("empfehlungen.empfehlung_ansehen", raise_exception=True)
def empfehlung_detail(request, pk: int):
    empfehlung = objekt_fuer(
        request.user, "empfehlungen.empfehlung_ansehen", selectors.empfehlung_fuer_seite(), pk=pk
    )
    anregungen = selectors.anregungen_hinter(empfehlung)
    return render(
        request,
        "empfehlungen/empfehlung_detail.html",
        {
            "empfehlung": empfehlung,
            "anregungen": anregungen,
            "anzahl_hinter": sum(1 + a.anzahl_dubletten for a in anregungen),
            "pruefungen": selectors.belege(empfehlung),
            "darf_bearbeiten": empfehlung.bearbeitbar
            and request.user.has_perm("empfehlungen.empfehlung_bearbeiten", empfehlung),
            "freigabe": freigabe_kontext(request, empfehlung),
            "abschnitte": EMPFEHLUNG_ABSCHNITTE.rendern(request, empfehlung),
        },
    )


@permission_required("empfehlungen.empfehlung_bearbeiten", raise_exception=True)
def empfehlung_bearbeiten(request, pk: int | None = None):
    return inhalt_bearbeiten(
        request,
        modell=Handlungsempfehlung,
        pk=pk,
        form_klasse=EmpfehlungForm,
        anlegen=services.empfehlung_anlegen,
        aendern=lambda o, **kw: services.empfehlung_aendern(empfehlung=o, **kw),
        template="empfehlungen/empfehlung_form.html",
        erfolg=lambda e: f"Empfehlung {e.nummer} gespeichert.",
        kontext={"anregung": None},
    )
