// Projector page of a live round: fetch the answers (JSON with the HTML fragment) every two
// seconds and swap them in; the server answers 304 while nothing changed. Without JavaScript the page offers "Neu laden";
// on a weak hall Wi-Fi a failed fetch keeps the last state and tries again (CSP: no inline
// scripts, so this is a file).
(function () {
  "use strict";
  var bereich = document.querySelector("[data-stand]");
  var status = document.querySelector("[data-status]");
  if (!bereich || !window.fetch) {
    return;
  }
  var adresse = bereich.getAttribute("data-stand");
  var etag = null;
  var gestoert = false;

  function melden(text) {
    if (status && status.textContent !== text) {
      status.textContent = text;
    }
  }

  function abfragen() {
    var kopf = { Accept: "application/json" };
    if (etag) {
      kopf["If-None-Match"] = etag;
    }
    fetch(adresse, { credentials: "same-origin", cache: "no-store", headers: kopf })
      .then(function (antwort) {
        if (antwort.status === 304) {
          return null;
        }
        if (!antwort.ok) {
          throw new Error("HTTP " + antwort.status);
        }
        etag = antwort.headers.get("ETag");
        return antwort.json();
      })
      .then(function (stand) {
        if (stand !== null) {
          bereich.innerHTML = stand.html;
        }
        if (gestoert) {
          gestoert = false;
          melden("Verbindung wieder da. Die Anzeige aktualisiert sich alle zwei Sekunden.");
        }
        window.setTimeout(abfragen, 2000);
      })
      .catch(function () {
        gestoert = true;
        melden("Verbindung unterbrochen – neuer Versuch in fünf Sekunden.");
        window.setTimeout(abfragen, 5000);
      });
  }
  window.setTimeout(abfragen, 2000);
})();
