// tandai report: sorts the corpus table by a column (a click on its heading) and, on hover
// over a quote or claim, outlines the entity it links to. Everything reads without it.
"use strict";
document.querySelectorAll("table.sortable").forEach(function (table) {
  var body = table.tBodies[0];
  table.querySelectorAll("thead th button").forEach(function (button, column) {
    button.addEventListener("click", function () {
      var down = button.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("thead th button").forEach(function (b) { b.removeAttribute("aria-sort"); });
      button.setAttribute("aria-sort", down ? "ascending" : "descending");
      var numeric = button.dataset.type === "number";
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) {
        var cell = row.cells[column];
        var v = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent;
        return numeric ? parseFloat(v) : v.toLowerCase();
      };
      var keyed = rows.map(function (r) { return [key(r), r]; });
      keyed.sort(function (a, b) {
        var c = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
        return down ? c : -c;
      });
      var frag = document.createDocumentFragment();
      keyed.forEach(function (k) { frag.appendChild(k[1]); });
      body.appendChild(frag);
    });
  });
});
function linked(el) {
  var id = el.dataset.speaker || el.dataset.claimant;
  return id ? document.getElementById(id) : null;
}
document.querySelectorAll("[data-speaker], [data-claimant]").forEach(function (el) {
  el.addEventListener("mouseenter", function () {
    var target = linked(el);
    if (target) { target.classList.add("linked"); }
  });
  el.addEventListener("mouseleave", function () {
    var target = linked(el);
    if (target) { target.classList.remove("linked"); }
  });
});
// Tells the stylesheet, and the browser test, that scripts run here.
document.documentElement.setAttribute("data-js", "on");
