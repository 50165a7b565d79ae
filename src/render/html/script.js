// Sorting and filtering. The page reads the same without it: every figure is in the markup.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.all tbody tr"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.project"));
  // a project shown in full: its name in the table links to its section
  sections.forEach(function (s) {
    var row = document.getElementById("r-" + s.id.slice(2));
    if (!row || !row.cells[2]) return;
    var a = document.createElement("a");
    a.href = "#" + s.id;
    a.textContent = row.cells[2].textContent;
    row.cells[2].textContent = "";
    row.cells[2].appendChild(a);
  });

  function key(cell) {
    var t = cell ? cell.textContent.trim() : "";
    var n = parseFloat(t.replace(/[%+,]/g, ""));
    return { t: t, n: /^[+-]?\d/.test(t) && !isNaN(n) ? n : null };
  }
  // the table of all projects is a heading and parts of a few hundred rows each: its rows are
  // sorted together and dealt back into the parts, each keeping its number of rows
  function bodiesOf(table) {
    if (table.classList.contains("all-head")) {
      return Array.prototype.slice.call(document.querySelectorAll("table.all tbody"));
    }
    return [table.tBodies[0]];
  }
  function sortBy(table, col, th) {
    var bodies = bodiesOf(table);
    var sizes = bodies.map(function (b) { return b.rows.length; });
    var list = [];
    bodies.forEach(function (b) { list.push.apply(list, Array.prototype.slice.call(b.rows)); });
    var down = th.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) {
      c.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", down ? "descending" : "ascending");
    var keyed = list.map(function (r, i) { return { r: r, k: key(r.cells[col]), i: i }; });
    keyed.sort(function (a, b) {
      var c;
      if (a.k.n !== null && b.k.n !== null) c = a.k.n - b.k.n;
      else if (a.k.n !== null) c = -1;
      else if (b.k.n !== null) c = 1;
      else c = a.k.t < b.k.t ? -1 : a.k.t > b.k.t ? 1 : 0;
      if (down) c = -c;
      return c || a.i - b.i;
    });
    var at = 0;
    bodies.forEach(function (b, i) {
      var frag = document.createDocumentFragment();
      for (var k = 0; k < sizes[i]; k++) frag.appendChild(keyed[at++].r);
      b.appendChild(frag);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () { sortBy(table, col, th); });
    });
  });

  var controls = document.getElementById("controls");
  var filter = document.getElementById("filter");
  var only = document.getElementById("only-errors");
  var shown = document.getElementById("shown");
  if (!controls || !filter || !only) return;
  controls.hidden = false;
  function apply() {
    var q = filter.value.trim().toLowerCase();
    var n = 0;
    function show(el, text) {
      var ok = (!only.checked || el.getAttribute("data-e") !== "0") &&
        (!q || text.toLowerCase().indexOf(q) >= 0);
      el.classList.toggle("hidden", !ok);
      return ok;
    }
    rows.forEach(function (r) { if (show(r, r.textContent)) n++; });
    sections.forEach(function (s) {
      var h = s.querySelector("h2");
      show(s, (h ? h.textContent : "") + " " + s.textContent);
    });
    if (shown) shown.textContent = n + " / " + rows.length;
  }
  var timer = null;
  filter.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  only.addEventListener("change", apply);
})();
