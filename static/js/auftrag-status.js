// Status page of a job (a Controllingbericht, a document): poll the JSON status, move the
// progress bar, and reload once the build is done so the download links appear. Without JavaScript the page offers an
// "Aktualisieren" link instead; this file only adds the convenience (CSP: no inline scripts).
(function () {
  "use strict";
  var kasten = document.querySelector("[data-auftrag-status]");
  if (!kasten || !window.fetch) {
    return;
  }
  var adresse = kasten.getAttribute("data-auftrag-status");
  var balken = kasten.querySelector("progress");
  var zahl = kasten.querySelector("[data-fortschritt]");
  var schritt = kasten.querySelector("[data-schritt]");

  function abfragen() {
    fetch(adresse, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (antwort) {
        if (!antwort.ok) {
          throw new Error("HTTP " + antwort.status);
        }
        return antwort.json();
      })
      .then(function (stand) {
        if (stand.status === "fertig" || stand.status === "fehler") {
          window.location.reload();
          return;
        }
        balken.value = stand.fortschritt;
        balken.textContent = stand.fortschritt + " %";
        zahl.textContent = stand.fortschritt + " %";
        if (stand.schritt && schritt.textContent !== stand.schritt) {
          schritt.textContent = stand.schritt;
        }
        window.setTimeout(abfragen, 1500);
      })
      .catch(function () {
        // Network hiccup or signed out: try again more slowly; the link still works.
        window.setTimeout(abfragen, 5000);
      });
  }

  window.setTimeout(abfragen, 1000);
})();
