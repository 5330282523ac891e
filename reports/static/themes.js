/* drift compare report: the theme filter. Choosing a theme (a chip or the list) highlights
   exactly the table sentences whose data-themes attribute holds that theme id, and says how
   many. Choosing it again clears the highlight. Without JavaScript the evidence still shows. */
(function () {
  "use strict";
  var chips = Array.prototype.slice.call(document.querySelectorAll(".theme-chip[data-theme]"));
  var list = document.getElementById("theme-select");
  var status = document.getElementById("theme-filter-status");
  var next = document.getElementById("theme-next");
  var tagged = Array.prototype.slice.call(document.querySelectorAll("#diff .sent[data-themes]"));
  var active = "";
  var hits = [];
  var at = -1;

  function carries(el, id) {
    return el.getAttribute("data-themes").split(/\s+/).indexOf(id) >= 0;
  }

  function labelOf(id) {
    var found = id;
    chips.concat(list ? Array.prototype.slice.call(list.options) : []).forEach(function (el) {
      var value = el.getAttribute("data-theme") || el.value;
      if (value === id && el.getAttribute("data-label")) { found = el.getAttribute("data-label"); }
    });
    return found;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function show(id) {
    hits.forEach(function (el) { el.classList.remove("theme-hit", "theme-current"); });
    active = id;
    hits = active ? tagged.filter(function (el) { return carries(el, active); }) : [];
    hits.forEach(function (el) { el.classList.add("theme-hit"); });
    at = -1;
    chips.forEach(function (chip) {
      chip.setAttribute("aria-pressed", chip.getAttribute("data-theme") === active ? "true" : "false");
    });
    if (list) { list.value = active; }
    if (next) { next.hidden = hits.length === 0; }
    document.dispatchEvent(new CustomEvent("drift:theme", { detail: active })); /* compare.js: URL */
    if (!status) { return; }
    if (!active) { status.textContent = ""; return; }
    var old = hits.filter(function (el) {
      return (el.getAttribute("data-sentence") || "").indexOf("old:") === 0;
    }).length;
    var hidden = hits.filter(function (el) {
      var row = el.closest("tr");
      return row && row.classList.contains("is-hidden");
    }).length;
    status.textContent = labelOf(active) + ": " + plural(hits.length, "sentence") +
      " highlighted (" + old + " old, " + (hits.length - old) + " new)" +
      (hidden ? "; " + hidden + " in rows hidden by the filters" : "") + ".";
  }

  chips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      var id = chip.getAttribute("data-theme");
      show(id === active ? "" : id);
    });
  });
  if (list) { list.addEventListener("change", function () { show(list.value); }); }
  if (next) {
    next.addEventListener("click", function () {
      if (!hits.length) { return; }
      if (at >= 0) { hits[at].classList.remove("theme-current"); }
      at = (at + 1) % hits.length;
      var el = hits[at];
      var row = el.closest("tr");
      if (row) { row.classList.remove("is-hidden"); }
      el.classList.add("theme-current");
      el.scrollIntoView({ block: "center" });
    });
  }
})();
