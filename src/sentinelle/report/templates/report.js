(function () {
  "use strict";
  // accents and case do not count: "Bougnoulé" finds "bougnoule" and the reverse (as `sentinelle search`)
  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function byId(id) { return document.getElementById(id); }
  var q = byId("f-search"), c = byId("f-cat"), s = byId("f-status"), n = byId("f-count");
  var items = Array.prototype.slice.call(document.querySelectorAll(".flag"));
  // the flagged message, its reasons and header; not the neighbouring messages shown as context
  var texts = items.map(function (el) {
    return fold(Array.prototype.map.call(el.querySelectorAll(".hit, .why, .head"),
      function (x) { return x.textContent; }).join(" "));
  });
  function apply() {
    if (!q) { return; }
    var text = fold(q.value.trim()), cat = c.value, st = s.value, shown = 0;
    items.forEach(function (el, i) {
      var ok = (!cat || el.getAttribute("data-cat") === cat) &&
               (!st || el.getAttribute("data-status") === st) &&
               (!text || texts[i].indexOf(text) !== -1);
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    n.textContent = String(shown);
  }
  if (q) {
    [q, c, s].forEach(function (el) { el.addEventListener("input", apply); });
    apply();
  }
  // a link to something folded away opens what holds it (and a filtered-out flag is shown again)
  function reveal(id, scroll) {
    var el = id && byId(id);
    if (!el) { return; }
    if (el.hidden && q) { q.value = ""; c.value = ""; s.value = ""; apply(); }
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
    if (scroll) { el.scrollIntoView({block: "start"}); }
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (a) { reveal(decodeURIComponent(a.getAttribute("href").slice(1)), false); }
  });
  window.addEventListener("hashchange", function () { reveal(decodeURIComponent(location.hash.slice(1)), true); });
  if (location.hash) { reveal(decodeURIComponent(location.hash.slice(1)), true); }
  // everything folded, or unfolded (to print the whole report)
  function all(open) {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = open; });
  }
  var openAll = byId("open-all"), closeAll = byId("close-all");
  if (openAll) { openAll.addEventListener("click", function () { all(true); }); }
  if (closeAll) { closeAll.addEventListener("click", function () { all(false); }); }
  // the network: only the links of at least N exchanges
  var range = byId("net-min");
  if (range) {
    var lines = Array.prototype.slice.call(document.querySelectorAll("svg.net line[data-w]"));
    var out = byId("net-min-value"), count = byId("net-shown");
    var update = function () {
      var min = Number(range.value), shown = 0;
      lines.forEach(function (l) {
        var on = Number(l.getAttribute("data-w")) >= min;
        l.style.display = on ? "" : "none";
        if (on) { shown += 1; }
      });
      out.textContent = range.value;
      count.textContent = String(shown);
    };
    range.addEventListener("input", update);
  }
})();
