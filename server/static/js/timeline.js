/* The timeline overview: one SVG strip with a dot per activity and a square per deadline, drawn
 * from /api/timeline with the page's filters. The list under it is the page itself (rendered by
 * the server); this only adds the picture, so the strip is hidden from screen readers and every
 * text in it is set with textContent.
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }

  function day(iso) { return new Date(iso.slice(0, 10) + "T00:00:00Z").getTime(); }

  function draw(box, data) {
    var byId = {};
    data.events.forEach(function (e) { byId[e.id] = e; });
    var points = data.occurrences.filter(function (o) { return /^\d{4}-\d{2}-\d{2}/.test(o.date); });
    if (!points.length) { return; }
    var times = points.map(function (o) { return day(o.date); });
    var min = Math.min.apply(null, times), max = Math.max.apply(null, times);
    var first = new Date(min).getUTCFullYear(), last = new Date(max).getUTCFullYear();
    min = Date.UTC(first, 0, 1);
    max = Date.UTC(last + 1, 0, 1);
    var width = 1000, height = 90, left = 20, right = 20;
    function x(t) { return left + (t - min) / (max - min) * (width - left - right); }
    var root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "presentation" });
    root.appendChild(svg("line", { x1: left, x2: width - right, y1: 50, y2: 50 }));
    for (var year = first; year <= last + 1; year += 1) {
      var tx = x(Date.UTC(year, 0, 1));
      root.appendChild(svg("line", { x1: tx, x2: tx, y1: 40, y2: 60 }));
      if (year <= last) { root.appendChild(svg("text", { x: tx + 3, y: 80 }, year)); }
    }
    var lanes = {};
    points.forEach(function (o) {
      var e = byId[o.id];
      var px = Math.round(x(day(o.date)));
      var lane = lanes[px] = (lanes[px] || 0) + 1;  // stack events of the same day
      var group = svg("g", {});
      group.appendChild(svg("title", {}, o.date.slice(0, 10) + " · " + e.kind + " · " + e.label));
      if (e.kind === "deadline") {
        group.appendChild(svg("rect", { x: px - 4, y: 50 - lane * 9 - 4, width: 8, height: 8, "class": "dot-deadline" }));
      } else {
        group.appendChild(svg("circle", { cx: px, cy: 50 - lane * 9, r: 4, "class": "dot-activity" }));
      }
      root.appendChild(group);
    });
    box.appendChild(root);
  }

  function start() {
    var box = document.getElementById("timeline-chart");
    if (!box) { return; }
    fetch(box.getAttribute("data-api"), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { draw(box, data); } })
      .catch(function () { /* the list below is the timeline; the strip is only a picture */ });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
