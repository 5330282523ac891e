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

  /* Every chart can be saved for an article: as the SVG itself, or as a PNG at twice its size. */
  function download(name, url) {
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function svgUrl(svg) {
    var text = new XMLSerializer().serializeToString(svg);
    return "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
  }
  function savePng(svg) {
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = 2 * svg.width.baseVal.value;
      canvas.height = 2 * svg.height.baseVal.value;
      var context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      download(svg.id + ".png", canvas.toDataURL("image/png"));
    };
    image.src = svgUrl(svg);
  }
  Array.prototype.forEach.call(document.querySelectorAll("figure.chart"), function (figure) {
    var svg = figure.querySelector("svg");
    if (!svg || !svg.id) { return; }
    var bar = document.createElement("p");
    bar.className = "save";
    [["SVG", function () { download(svg.id + ".svg", svgUrl(svg)); }], ["PNG", function () { savePng(svg); }]]
      .forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = "Save " + pair[0];
        button.setAttribute("data-save", pair[0].toLowerCase());
        button.addEventListener("click", pair[1]);
        bar.appendChild(button);
      });
    figure.appendChild(bar);
  });

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
