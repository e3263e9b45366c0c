// Dot grid of a Themeninsel, like a spreadsheet: arrow up/down move to the same column in the
// row above/below (Tab goes along the row, Enter saves). Without JavaScript the form works the
// same, only without the arrow keys (CSP: no inline scripts).
(function () {
  "use strict";
  var raster = document.querySelector("form.punkteraster");
  if (!raster) {
    return;
  }
  raster.addEventListener("keydown", function (ereignis) {
    if (ereignis.key !== "ArrowDown" && ereignis.key !== "ArrowUp") {
      return;
    }
    var feld = ereignis.target;
    var zelle = feld.closest && feld.closest("td");
    if (!zelle) {
      return;
    }
    var zeile = zelle.parentElement;
    var ziel = ereignis.key === "ArrowDown" ? zeile.nextElementSibling : zeile.previousElementSibling;
    var spalte = Array.prototype.indexOf.call(zeile.children, zelle);
    var eingabe = ziel && ziel.children[spalte] && ziel.children[spalte].querySelector("input");
    if (eingabe) {
      ereignis.preventDefault();
      eingabe.focus();
      eingabe.select();
    }
  });
})();
