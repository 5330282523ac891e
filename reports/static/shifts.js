/* drift compare report: the "Strengthened / softened" filter. Shows only the table rows with a
   shift of the chosen direction (rows carry data-shifts), then lets compare.js recount and
   renavigate (it skips rows marked shift-out). Without JavaScript every row shows. */
(function () {
  "use strict";
  var radios = Array.prototype.slice.call(document.querySelectorAll("input[name='shift-filter']"));
  if (!radios.length) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.diff tr.row"));
  var trigger = document.getElementById("only-changes");

  function apply() {
    var chosen = "";
    radios.forEach(function (radio) { if (radio.checked) { chosen = radio.value; } });
    rows.forEach(function (row) {
      var directions = (row.getAttribute("data-shifts") || "").split(" ");
      row.classList.toggle("shift-out", chosen !== "" && directions.indexOf(chosen) < 0);
    });
    if (trigger) { trigger.dispatchEvent(new Event("change")); }
  }

  radios.forEach(function (radio) { radio.addEventListener("change", apply); });
}());
