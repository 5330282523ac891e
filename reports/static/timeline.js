/* drift timeline report: open the folded block holding a link's target; open all to print.
   Without JavaScript every link still works once its block is opened by hand. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function reveal(id) {
    if (!id) { return; }
    var target = document.getElementById(id);
    if (!target) { return; }
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    target.scrollIntoView({ block: "start" });
  }

  function fromHash() {
    var hash = window.location.hash;
    if (hash.length > 1) {
      try { reveal(decodeURIComponent(hash.slice(1))); } catch (e) { reveal(hash.slice(1)); }
    }
  }

  window.addEventListener("hashchange", fromHash);
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a") : null;
    if (!link) { return; }
    var href = link.getAttribute("href") || link.getAttribute("xlink:href") || "";
    if (href.charAt(0) !== "#" || href.length < 2) { return; }
    var id = href.slice(1);
    if (("#" + id) === window.location.hash) { event.preventDefault(); reveal(id); }
  });
  fromHash();

  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
}());
