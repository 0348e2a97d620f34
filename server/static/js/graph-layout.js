/* How the dependency view is laid out (used by static/js/graph.js): large neighbourhoods
 * grouped, dagre run with the label boxes counted, the drawing fitted to the canvas.
 *
 * A node with more than 60 children has all but 8 of each kind drawn as one "+N more
 * provisions" node, opened on click; dagre lays the drawing out left to right (folded into
 * side-by-side bands when too tall) or top to bottom, whichever the canvas holds at the larger
 * zoom; the canvas grows to the drawing's height, up to twice the window's.
 */
(function () {
  "use strict";

  // A node with more children than this has them drawn as one "+N provisions" node per kind,
  // opened on click: a resolution's 77 paragraphs side by side are a wall, not a picture.
  var CLUSTER_ABOVE = 60;
  var CLUSTER_MIN = 5;
  var KEEP_DRAWN = 8;  // children of each kind still drawn beside their group
  var MAX_FIT_ZOOM = 1.6;  // a small drawing is not blown up into giant nodes
  var PLURAL = { activity: "activities", obligation: "obligations", axis: "axes" };

  function plural(kind, n) {
    if (n === 1) { return kind; }
    return PLURAL[kind] || kind + "s";
  }

  /* The view as a tree from the root (breadth first, each node under the first node that
   * reaches it): which children a node has, and so which ones a cluster stands for. */
  function treeOf(data) {
    var near = {};
    data.nodes.forEach(function (n) { near[n.id] = []; });
    data.edges.forEach(function (e) {
      if (near[e.source] && near[e.target]) {
        near[e.source].push(e.target);
        near[e.target].push(e.source);
      }
    });
    var parent = {};
    var children = {};
    parent[data.root.id] = null;
    var queue = [data.root.id];
    while (queue.length) {
      var id = queue.shift();
      children[id] = [];
      (near[id] || []).forEach(function (other) {
        if (!(other in parent)) {
          parent[other] = id;
          children[id].push(other);
          queue.push(other);
        }
      });
    }
    return children;
  }

  /* Clusters of the view: [{id, parent, kind, members: [ids of the children and their
   * subtrees]}] for each kind of the children of a node with more than CLUSTER_ABOVE. */
  function clustersOf(data) {
    var children = treeOf(data);
    var kindOf = {};
    data.nodes.forEach(function (n) { kindOf[n.id] = n.kind; });
    function subtree(id, into) {
      into.push(id);
      (children[id] || []).forEach(function (c) { subtree(c, into); });
      return into;
    }
    var found = [];
    Object.keys(children).forEach(function (id) {
      var kids = children[id];
      if (kids.length <= CLUSTER_ABOVE) { return; }
      var byKind = {};
      kids.forEach(function (k) { (byKind[kindOf[k]] = byKind[kindOf[k]] || []).push(k); });
      Object.keys(byKind).sort().forEach(function (kind) {
        // the children with the most under them stay drawn; the rest make the group
        var sized = byKind[kind].map(function (k) { return { id: k, size: subtree(k, []).length }; });
        sized.sort(function (a, b) { return b.size - a.size || (a.id < b.id ? -1 : 1); });
        var grouped = sized.slice(KEEP_DRAWN);
        if (grouped.length < CLUSTER_MIN) { return; }
        var members = [];
        grouped.forEach(function (k) { subtree(k.id, members); });
        found.push({ id: "cluster:" + id + ":" + kind, parent: id, kind: kind,
                     count: grouped.length, members: members });
      });
    });
    return found;
  }

  /* A left-to-right drawing much taller than the canvas, folded into side-by-side bands
   * like a newspaper's columns: each band keeps its nodes' places relative to each other, and
   * the bands sit a drawing's width apart, so no two label boxes can meet. */
  function fold(cy, container) {
    var box = cy.nodes().boundingBox({ includeLabels: true });
    var tallest = 2 * window.innerHeight;
    var bands = Math.round(Math.sqrt((box.h / box.w) * (container.clientWidth / tallest)));
    if (bands < 2) { return; }
    var band = box.h / bands;
    var gap = 40;
    cy.nodes().positions(function (n) {
      var p = n.position();
      var j = Math.min(bands - 1, Math.floor((p.y - box.y1) / band));
      return { x: p.x + j * (box.w + gap), y: p.y - j * band };
    });
  }

  /* Lay the drawing out the way the canvas holds best: dagre left to right (folded when too
   * tall) or top to bottom, label boxes counted in the node sizes (so no label runs onto a
   * node), the canvas made taller when the drawing is tall, then fitted. */
  function layOut(cy, container) {
    var best = null;
    var tallest = 2 * window.innerHeight;
    ["LR", "TB"].forEach(function (dir) {
      cy.layout({ name: "dagre", rankDir: dir, nodeSep: 14, rankSep: 70, edgeSep: 6,
                  nodeDimensionsIncludeLabels: true, animate: false, fit: false }).run();
      if (dir === "LR") { fold(cy, container); }
      var box = cy.nodes().boundingBox({ includeLabels: true });
      var width = container.clientWidth;
      // as tall as the drawing needs at the zoom that fills the width (within bounds)
      var wide = Math.min(width / box.w, MAX_FIT_ZOOM);
      var height = Math.max(420, Math.min(box.h * wide + 24, tallest));
      var zoom = Math.min(width / box.w, height / box.h);
      var positions = {};
      cy.nodes().forEach(function (n) { positions[n.id()] = { x: n.position("x"), y: n.position("y") }; });
      if (!best || zoom > best.zoom) { best = { zoom: zoom, positions: positions, height: height }; }
    });
    cy.nodes().positions(function (n) { return best.positions[n.id()]; });
    if (Math.abs(best.height - container.clientHeight) > 1) {
      container.style.height = Math.round(best.height) + "px";
      cy.resize();
    }
    cy.fit(cy.elements(), 12);
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center();
    }
  }

  window.MandateGraphLayout = { clustersOf: clustersOf, layOut: layOut, plural: plural };
}());
