/* How the dependency view is laid out (used by static/js/graph.js): a tidy tree of the drawn
 * nodes, label boxes counted, fitted to the canvas (which nodes are drawn: graph-expand.js).
 *
 * The drawing is the tree graph-expand.js grows from the root (each node under the node that
 * reached it first; a "+N more" group under its parent), so it is laid out as a tree: left to
 * right, one column per step from the root, each subtree in a band of rows of its own (folded
 * into side-by-side bands, like a newspaper's columns, when too tall), or top to bottom, one
 * row per step, whichever the canvas holds at the larger zoom. Every node's box includes its
 * label, and no two subtrees' bands meet, so no label can run onto another node. Why not dagre,
 * as before: it took about 0.9 s for 240 nodes in Chromium and tens of seconds for 2,000; this
 * takes a few milliseconds for either (bench/graph_view.py). The canvas grows to the drawing's
 * height, up to twice the window's.
 */
(function () {
  "use strict";

  var MAX_FIT_ZOOM = 1.6;  // a small drawing is not blown up into giant nodes
  var SIBLING_GAP = 6;  // between two label boxes side by side in a column or row
  var COLUMN_GAP = 56;  // between two steps from the root (room for the edges)
  var BAND_GAP = 40;  // between two folded bands

  /* Each drawn node's box around its position, label included: {up, down, left, right}. */
  function extents(cy) {
    var out = {};
    cy.nodes().forEach(function (n) {
      var b = n.boundingBox({ includeLabels: true, includeOverlays: false });
      var p = n.position();
      out[n.id()] = { up: p.y - b.y1, down: b.y2 - p.y, left: p.x - b.x1, right: b.x2 - p.x };
    });
    return out;
  }

  /* The drawn tree: children of each node (in the order drawn) and the nodes without a drawn
   * parent (the root). */
  function treeOf(cy, parentOf) {
    var kids = {};
    var roots = [];
    cy.nodes().forEach(function (n) {
      var p = parentOf(n);
      if (p && p !== n.id() && cy.getElementById(p).length) {
        (kids[p] = kids[p] || []).push(n.id());
      } else {
        roots.push(n.id());
      }
    });
    return { kids: kids, roots: roots };
  }

  /* A tidy tree: ``across(id)`` is a node's extent along the siblings' axis as [before, after],
   * ``along(id)`` along the steps' axis; returns {id: [step position, sibling position]}. */
  function tidy(tree, across, along) {
    var depth = {};
    var order = tree.roots.slice();
    order.forEach(function (id) { depth[id] = 0; });
    for (var i = 0; i < order.length; i++) {
      (tree.kids[order[i]] || []).forEach(function (k) {
        if (!(k in depth)) { depth[k] = depth[order[i]] + 1; order.push(k); }
      });
    }
    // each step's column (or row): as wide as its widest box
    var before = [];
    var after = [];
    order.forEach(function (id) {
      var d = depth[id];
      var e = along(id);
      before[d] = Math.max(before[d] || 0, e[0]);
      after[d] = Math.max(after[d] || 0, e[1]);
    });
    var step = [before[0] || 0];
    for (var d = 1; d < before.length; d++) {
      step[d] = step[d - 1] + after[d - 1] + COLUMN_GAP + before[d];
    }
    // each subtree's band: as wide as its own box or its children's bands, whichever is more
    var band = {};
    for (var j = order.length - 1; j >= 0; j--) {
      var id = order[j];
      var own = across(id);
      var kids = (tree.kids[id] || []).filter(function (k) { return depth[k] === depth[id] + 1; });
      var sum = kids.reduce(function (s, k) { return s + band[k]; }, 0) +
        Math.max(0, kids.length - 1) * SIBLING_GAP;
      band[id] = Math.max(own[0] + own[1], sum);
    }
    var at = {};
    function place(id, start) {
      var own = across(id);
      // the node's box centred in its band (the children's bands centred too)
      at[id] = [step[depth[id]], start + (band[id] - own[0] - own[1]) / 2 + own[0]];
      var kids = (tree.kids[id] || []).filter(function (k) { return depth[k] === depth[id] + 1; });
      var sum = kids.reduce(function (s, k) { return s + band[k]; }, 0) +
        Math.max(0, kids.length - 1) * SIBLING_GAP;
      var cursor = start + (band[id] - sum) / 2;
      kids.forEach(function (k) {
        place(k, cursor);
        cursor += band[k] + SIBLING_GAP;
      });
    }
    var cursor = 0;
    tree.roots.forEach(function (id) { place(id, cursor); cursor += band[id] + SIBLING_GAP; });
    return at;
  }

  /* The bounding box of the boxes at ``pos``. */
  function boxOf(pos, ext) {
    var box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    Object.keys(pos).forEach(function (id) {
      var p = pos[id];
      var e = ext[id];
      box.x1 = Math.min(box.x1, p.x - e.left);
      box.x2 = Math.max(box.x2, p.x + e.right);
      box.y1 = Math.min(box.y1, p.y - e.up);
      box.y2 = Math.max(box.y2, p.y + e.down);
    });
    box.w = box.x2 - box.x1;
    box.h = box.y2 - box.y1;
    return box;
  }

  /* A left-to-right drawing much taller than the canvas, folded into side-by-side bands: each
   * band keeps its nodes' places relative to each other, and the bands sit a drawing's width
   * apart, so no two label boxes can meet. */
  function fold(pos, ext, container) {
    var box = boxOf(pos, ext);
    var tallest = 2 * window.innerHeight;
    var bands = Math.round(Math.sqrt((box.h / box.w) * (container.clientWidth / tallest)));
    if (bands < 2) { return pos; }
    var band = box.h / bands;
    var out = {};
    Object.keys(pos).forEach(function (id) {
      var p = pos[id];
      var j = Math.min(bands - 1, Math.floor((p.y - box.y1) / band));
      out[id] = { x: p.x + j * (box.w + BAND_GAP), y: p.y - j * band };
    });
    return out;
  }

  /* Lay the drawing out the way the canvas holds best (see the header), the canvas made taller
   * when the drawing is tall, then fitted. ``parentOf(node)`` names a drawn node's parent. */
  function layOut(cy, container, parentOf) {
    var ext = extents(cy);
    var tree = treeOf(cy, parentOf);
    var tallest = 2 * window.innerHeight;
    var width = container.clientWidth;
    var leftToRight = tidy(tree, function (id) { return [ext[id].up, ext[id].down]; },
                           function (id) { return [ext[id].left, ext[id].right]; });
    var topToBottom = tidy(tree, function (id) { return [ext[id].left, ext[id].right]; },
                           function (id) { return [ext[id].up, ext[id].down]; });
    var best = null;
    [leftToRight, topToBottom].forEach(function (at, index) {
      var pos = {};
      Object.keys(at).forEach(function (id) {
        pos[id] = index === 0 ? { x: at[id][0], y: at[id][1] } : { x: at[id][1], y: at[id][0] };
      });
      if (index === 0) { pos = fold(pos, ext, container); }
      var box = boxOf(pos, ext);
      // as tall as the drawing needs at the zoom that fills the width (within bounds)
      var wide = Math.min(width / box.w, MAX_FIT_ZOOM);
      var height = Math.max(420, Math.min(box.h * wide + 24, tallest));
      var zoom = Math.min(width / box.w, height / box.h);
      if (!best || zoom > best.zoom) { best = { zoom: zoom, positions: pos, height: height }; }
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

  window.MandateGraphLayout = { layOut: layOut };
}());
