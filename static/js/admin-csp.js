// Admin add-ons (django-import-export's export page) use inline event handlers, which the
// Content-Security-Policy blocks. Bind the same handlers here, from our own static file.
document.addEventListener("change", function (event) {
  var ziel = event.target;
  if (ziel.matches && ziel.matches("input.select-toggle") &&
      typeof window.onSelectToggleChange === "function") {
    window.onSelectToggleChange(event);
  }
});
