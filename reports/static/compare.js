/* drift compare report: filters, search, the inline view and change navigation over every
   side-by-side table of the page (one in the two-file report, one per pair in the
   several-editions report, where the position also names the pair). The filter state lives in
   the URL fragment (#view=inline&only=1&kinds=edited,new&theme=ai&q=ransomware), so a link
   opens the same view; a fragment without "=" is a row anchor (#row-12), as before. Without
   JavaScript every row shows, and the inline view follows the table. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }

  var rows = all("table.diff tr.row");
  var spans = all(".inline-view .iv-row");
  var paragraphs = all(".inline-view .iv-para");
  var onlyChanges = document.getElementById("only-changes");
  var kindBoxes = all("input[data-filter-kind]");
  var viewRadios = all('input[name="view"]');
  var search = document.getElementById("row-search");
  var searchCount = document.getElementById("search-count");
  var visibleCount = document.getElementById("visible-count");
  var position = document.getElementById("change-position");
  var controls = document.querySelector(".controls");
  var themeSelect = document.getElementById("theme-select");
  var current = null;
  var texts = [];

  function measure() {
    var sticky = controls && window.getComputedStyle(controls).position === "sticky";
    root.style.setProperty("--sticky", (sticky ? controls.offsetHeight : 0) + "px");
  }

  function isGhost(row) { return row.classList.contains("ghost"); }

  function pairOf(row) {
    var section = row.closest("section.comparison");
    return section ? ", pair " + section.getAttribute("data-title") : "";
  }

  function view() {
    var checked = viewRadios.filter(function (r) { return r.checked; })[0];
    return checked ? checked.value : "table";
  }

  function setView(name) {
    viewRadios.forEach(function (r) { r.checked = r.value === name; });
    root.setAttribute("data-view", name);
  }

  /* The words a search looks in: both sides of a table row, or an inline row's text. */
  function textOf(el) {
    if (el.__driftText === undefined) {
      var cells = el.tagName === "TR" ? Array.prototype.slice.call(el.querySelectorAll("td.cell")) : [el];
      el.__driftText = cells.map(function (c) { return c.textContent; }).join(" ").toLowerCase().replace(/\s+/g, " ");
      texts.push(el);
    }
    return el.__driftText;
  }

  function terms() {
    return search ? search.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
  }

  function apply() {
    var shown = {};
    kindBoxes.forEach(function (box) { shown[box.getAttribute("data-filter-kind")] = box.checked; });
    var words = terms();
    var visible = 0;
    var matched = 0;
    function hidden(el) {
      var kind = el.getAttribute("data-kind");
      if (shown[kind] === false || (onlyChanges.checked && !el.classList.contains("change"))) { return true; }
      var text = words.length ? textOf(el) : "";
      return !words.every(function (w) { return text.indexOf(w) >= 0; });
    }
    rows.forEach(function (row) {
      var hide = hidden(row) || row.classList.contains("shift-out"); /* the shifts filter (shifts.js) */
      row.classList.toggle("is-hidden", hide);
      if (!hide && !isGhost(row)) { visible += 1; }
      if (!hide && !isGhost(row) && words.length) { matched += 1; }
    });
    spans.forEach(function (span) { span.classList.toggle("is-hidden", hidden(span)); });
    paragraphs.forEach(function (p) {
      p.classList.toggle("is-hidden", !p.querySelector(".iv-row:not(.is-hidden)"));
    });
    visibleCount.textContent = String(visible);
    if (searchCount) {
      searchCount.textContent = words.length ? matched + (matched === 1 ? " row matches" : " rows match") : "";
    }
    select(current && !current.classList.contains("is-hidden") ? current : null);
  }

  function items() {
    if (view() === "inline") { return spans; }
    return rows.filter(function (row) { return !isGhost(row); });
  }

  function changes() {
    return items().filter(function (el) {
      return el.classList.contains("change") && !el.classList.contains("is-hidden");
    });
  }

  function select(el) {
    if (current) { current.classList.remove("current"); }
    current = el;
    var list = changes();
    if (!el) { position.textContent = list.length + (list.length === 1 ? " change" : " changes") + " shown"; return; }
    el.classList.add("current");
    position.textContent = "Change " + (list.indexOf(el) + 1) + " of " + list.length + pairOf(el);
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

  /* State <-> URL fragment ------------------------------------------------------------ */
  function state() {
    var parts = [];
    if (view() === "inline") { parts.push("view=inline"); }
    if (onlyChanges.checked) { parts.push("only=1"); }
    var on = kindBoxes.filter(function (b) { return b.checked; });
    if (on.length < kindBoxes.length) {
      parts.push("kinds=" + on.map(function (b) { return b.getAttribute("data-filter-kind"); }).join(","));
    }
    if (themeSelect && themeSelect.value) { parts.push("theme=" + encodeURIComponent(themeSelect.value)); }
    var q = search ? search.value.trim() : "";
    if (q) { parts.push("q=" + encodeURIComponent(q)); }
    return parts.join("&");
  }

  function isState(hash) { return hash.indexOf("=") >= 0; }

  function writeState() {
    var s = state();
    var hash = window.location.hash.slice(1);
    if (!s && hash && !isState(hash)) { return; } /* keep a row anchor when all is default */
    if (s === hash) { return; }
    var url = window.location.href.split("#")[0] + (s ? "#" + s : "");
    try {
      window.history.replaceState(null, "", url);
    } catch (e) { /* a browser refusing it for file: pages keeps the state in the page only */ }
  }

  function readState(hash) {
    var params = {};
    hash.split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0) {
        try { params[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1).replace(/\+/g, " ")); } catch (e) { /* ignore a malformed part */ }
      }
    });
    return params;
  }

  function applyState(params) {
    setView(params.view === "inline" ? "inline" : "table");
    onlyChanges.checked = params.only === "1";
    var kinds = typeof params.kinds === "string" ? params.kinds.split(",") : null;
    kindBoxes.forEach(function (box) {
      box.checked = !kinds || kinds.indexOf(box.getAttribute("data-filter-kind")) >= 0;
    });
    if (search) { search.value = params.q || ""; }
    if (themeSelect) {
      themeSelect.value = params.theme || "";
      themeSelect.dispatchEvent(new Event("change")); /* themes.js highlights it */
    }
    apply();
    writeState();
  }

  /* A row anchor: show the row (in the inline view, its inline place) even if filtered out. */
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id || isState(id)) { return; }
    var target = document.getElementById(id);
    if (view() === "inline" && target && target.classList.contains("row")) {
      target = document.getElementById(id.replace(/(row|was)-/, "inline-$1-")) || target;
      if (!target.classList.contains("iv-row")) { setView("table"); }
    }
    if (!target || !(target.classList.contains("row") || target.classList.contains("iv-row"))) { return; }
    if (target.classList.contains("is-hidden")) {
      target.classList.remove("is-hidden");
      var para = target.closest(".iv-para");
      if (para) { para.classList.remove("is-hidden"); }
    }
    target.scrollIntoView({ block: "center" });
    if (target.classList.contains("change") && !isGhost(target)) { select(target); }
  }

  function changed() { apply(); writeState(); }

  onlyChanges.addEventListener("change", changed);
  kindBoxes.forEach(function (box) { box.addEventListener("change", changed); });
  viewRadios.forEach(function (radio) {
    radio.addEventListener("change", function () { setView(view()); select(null); changed(); measure(); });
  });
  if (search) { search.addEventListener("input", changed); }
  document.addEventListener("drift:theme", writeState);
  /* A preset link applies its state and brings the table (or the inline view) into view. */
  all("a[data-preset]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      applyState(readState(link.hash.slice(1)));
      var main = document.querySelector("main");
      if (main) { main.scrollIntoView({ block: "start" }); }
    });
  });
  document.getElementById("next-change").addEventListener("click", function () { jump(1); });
  document.getElementById("prev-change").addEventListener("click", function () { jump(-1); });
  window.addEventListener("hashchange", function () {
    var hash = window.location.hash.slice(1);
    if (isState(hash)) { applyState(readState(hash)); } else { reveal(); }
  });
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

  /* Print every folded section open, then fold back what was folded. */
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = all("details:not([open])");
    folded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
  });

  setView("table");
  measure();
  apply();
  select(null);
  /* The URL's state once every script of the page is set up (themes.js comes after this one). */
  document.addEventListener("DOMContentLoaded", function () {
    var hash = window.location.hash.slice(1);
    if (isState(hash)) { applyState(readState(hash)); } else { reveal(); }
  });
}());
