/* drift compare report: filters and change navigation over every side-by-side table of the page
   (one in the two-file report, one per pair in the several-editions report, where the position
   also names the pair). Without JavaScript every row shows. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var rows = Array.prototype.slice.call(document.querySelectorAll("table.diff tr.row"));
  var onlyChanges = document.getElementById("only-changes");
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-kind]"));
  var visibleCount = document.getElementById("visible-count");
  var position = document.getElementById("change-position");
  var controls = document.querySelector(".controls");
  var current = null;

  function measure() {
    var sticky = controls && window.getComputedStyle(controls).position === "sticky";
    root.style.setProperty("--sticky", (sticky ? controls.offsetHeight : 0) + "px");
  }

  function isGhost(row) { return row.classList.contains("ghost"); }

  function pairOf(row) {
    var section = row.closest("section.comparison");
    return section ? ", pair " + section.getAttribute("data-title") : "";
  }

  function apply() {
    var shown = {};
    kindBoxes.forEach(function (box) { shown[box.getAttribute("data-filter-kind")] = box.checked; });
    var visible = 0;
    rows.forEach(function (row) {
      var kind = row.getAttribute("data-kind");
      var hide = shown[kind] === false || (onlyChanges.checked && !row.classList.contains("change"));
      hide = hide || row.classList.contains("shift-out"); /* the shifts filter (shifts.js) */
      row.classList.toggle("is-hidden", hide);
      if (!hide && !isGhost(row)) { visible += 1; }
    });
    visibleCount.textContent = String(visible);
    select(current && !current.classList.contains("is-hidden") ? current : null);
  }

  function changes() {
    return rows.filter(function (row) {
      return row.classList.contains("change") && !isGhost(row) && !row.classList.contains("is-hidden");
    });
  }

  function select(row) {
    if (current) { current.classList.remove("current"); }
    current = row;
    var list = changes();
    if (!row) { position.textContent = list.length + (list.length === 1 ? " change" : " changes") + " shown"; return; }
    row.classList.add("current");
    position.textContent = "Change " + (list.indexOf(row) + 1) + " of " + list.length + pairOf(row);
    measure(); /* a longer position text may wrap the sticky bar onto a second line */
  }

  function firstBelow(list, edge) {
    for (var i = 0; i < list.length; i += 1) {
      if (list[i].getBoundingClientRect().top > edge) { return i; }
    }
    return list.length;
  }

  function jump(step) {
    var list = changes();
    if (!list.length) { select(null); return; }
    var i = current ? list.indexOf(current) : -1;
    if (i < 0) {
      var below = firstBelow(list, window.innerHeight / 3);
      i = step > 0 ? below : below - 1;
    } else {
      i += step;
    }
    i = Math.max(0, Math.min(list.length - 1, i));
    select(list[i]);
    list[i].scrollIntoView({ block: "center" });
  }

  function reveal() {
    var id = window.location.hash.slice(1);
    var target = id ? document.getElementById(id) : null;
    if (!target || !target.classList.contains("row")) { return; }
    if (target.classList.contains("is-hidden")) {
      target.classList.remove("is-hidden");
      target.scrollIntoView({ block: "center" });
    }
    if (target.classList.contains("change") && !isGhost(target)) { select(target); }
  }

  onlyChanges.addEventListener("change", apply);
  kindBoxes.forEach(function (box) { box.addEventListener("change", apply); });
  document.getElementById("next-change").addEventListener("click", function () { jump(1); });
  document.getElementById("prev-change").addEventListener("click", function () { jump(-1); });
  window.addEventListener("hashchange", reveal);
  window.addEventListener("resize", measure);
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target || {};
    var typing = target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable ||
      (target.tagName === "INPUT" && ["checkbox", "radio", "button"].indexOf(target.type) < 0);
    if (typing) { return; }
    if (event.key === "n" || event.key === "j") { jump(1); event.preventDefault(); }
    if (event.key === "p" || event.key === "k") { jump(-1); event.preventDefault(); }
  });

  measure();
  apply();
  select(null);
  reveal();
}());
