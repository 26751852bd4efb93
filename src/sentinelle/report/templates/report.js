(function () {
  var q = document.getElementById("f-search"), c = document.getElementById("f-cat"),
      s = document.getElementById("f-status"), n = document.getElementById("f-count");
  if (!q) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll(".flag"));
  // the flagged message, its reasons and header; not the neighbouring messages shown as context
  function own(el) {
    return Array.prototype.map.call(el.querySelectorAll(".hit, .why, .head"),
      function (x) { return x.textContent; }).join(" ").toLowerCase();
  }
  function apply() {
    var text = q.value.toLowerCase(), cat = c.value, st = s.value, shown = 0;
    items.forEach(function (el) {
      var ok = (!cat || el.getAttribute("data-cat") === cat) &&
               (!st || el.getAttribute("data-status") === st) &&
               (!text || own(el).indexOf(text) !== -1);
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    n.textContent = String(shown);
  }
  [q, c, s].forEach(function (el) { el.addEventListener("input", apply); });
  apply();
})();
