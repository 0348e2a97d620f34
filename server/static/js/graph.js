/* The dependency graph page: draws the chain with Cytoscape.js, shows a node's details and
 * evidence, and the analytics of the view (the root picker is root-picker.js).
 *
 * Every piece of text from the graph is written with textContent (never innerHTML), and the
 * data comes from the JSON routes named by data-* attributes: the page has no inline script.
 * The node count of the view, the nodes drawn and the drawing time are written on
 * #graph-status (data-nodes, data-drawn, data-groups, data-draw-ms) so that a test, or a
 * curious reader, can read them; the Cytoscape instance is window.mandateGraph.
 *
 * Legibility and scale: the root's neighbourhood is drawn to a budget of nodes, a node with
 * more than 60 children has all but 8 of each kind behind one "+N more provisions" node and a
 * node past the budget is drawn collapsed ("▸ +N"), both opened on click (graph-expand.js); the
 * drawing is laid out as a tidy tree with the label boxes counted, left to right (folded into
 * side-by-side bands when too tall) or top to bottom, whichever the canvas holds at the larger
 * zoom (graph-layout.js); a legend names the kinds drawn; a root with nothing linked to it is
 * said to be so in words instead of being drawn as one node. The time to interactive (from
 * the navigation's start to the first frame after the layout) is data-interactive-ms.
 */
(function () {
  "use strict";

  var W = window.MandateGraphWords;  // static/js/words.js: the reader's words, the pager

  /* A kind of node in words ("mandate", "mandat", "mandato"). */
  function kindName(kind) { return W.word("kind_" + kind, kind); }

  var KIND_STYLE = {
    resolution: { color: "#1f5fa8", shape: "round-rectangle" },
    convention: { color: "#5a3d9a", shape: "round-rectangle" },
    document: { color: "#7a869a", shape: "round-rectangle" },
    actionplan: { color: "#0f7b6c", shape: "round-rectangle" },
    axis: { color: "#3f9d8f", shape: "hexagon" },
    provision: { color: "#6c8ebf", shape: "rectangle" },
    mandate: { color: "#d07a1f", shape: "diamond" },
    obligation: { color: "#b8860b", shape: "tag" },
    activity: { color: "#2e8b57", shape: "ellipse" },
    organ: { color: "#a33b3b", shape: "octagon" },
    state: { color: "#8b5a2b", shape: "pentagon" },
    other: { color: "#999999", shape: "ellipse" }
  };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function link(href, text) {
    var a = el("a", text);
    a.href = href;
    return a;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  /* -- details of one node ----------------------------------------------------------------- */
  function showDetails(iri) {
    var body = document.getElementById("details-body");
    var hint = document.getElementById("details-hint");
    clear(body);
    body.appendChild(el("p", W.word("js_loading", "Loading…"), "muted"));
    fetch("/api/graph/node?iri=" + encodeURIComponent(iri), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
      .then(function (res) {
        clear(body);
        if (!res.ok) { body.appendChild(el("p", res.data.error || "error", "notice")); return; }
        if (hint) { hint.hidden = true; }
        var d = res.data;
        var title = el("h3", d.node.name || d.node.label);
        body.appendChild(title);
        var facts = el("dl", null, "facts");
        function fact(name, value) {
          if (value === undefined || value === null || value === "") { return; }
          facts.appendChild(el("dt", name));
          facts.appendChild(el("dd", value));
        }
        fact(W.word("js_kind", "Kind"), kindName(d.node.kind) + (d.node.type ? " (" + d.node.type + ")" : ""));
        fact(W.word("js_start", "Start"), d.node.start);
        fact(W.word("js_end", "End"), d.node.end);
        fact(W.word("js_every_year", "Every year on"), d.node.monthDay);
        fact(W.word("js_descendants", "Depend on it (descendants)"), d.descendants);
        fact(W.word("js_ancestors", "It depends on (ancestors)"), d.ancestors);
        fact(W.word("js_evidences", "Evidences"), d.node.evidence);
        body.appendChild(facts);
        if (d.node.page) {
          var p = el("p");
          p.appendChild(link(d.node.page, W.word("js_entity_page", "Entity page")));
          p.appendChild(document.createTextNode(" · "));
          p.appendChild(link("/graph?root=" + encodeURIComponent(d.node.page), W.word("js_draw_from", "Draw from this node")));
          body.appendChild(p);
        }
        function edges(titleText, items, arrow) {
          if (!items.length) { return; }
          body.appendChild(el("h4", titleText));
          var ul = el("ul", null, "edges");
          items.forEach(function (e) {
            var li = el("li");
            li.appendChild(el("span", arrow + " " + (e.propertyLabel || e.property) + (e.inferred ? " (" + W.word("js_inferred", "inferred") + ")" : "") + " "));
            var b = el("button", e.name || e.label, "linklike");
            b.type = "button";
            b.addEventListener("click", function () { select(e.node); });
            li.appendChild(b);
            ul.appendChild(li);
          });
          body.appendChild(ul);
        }
        edges(W.word("js_follows_from", "Follows from"), d["in"], "←");
        edges(W.word("js_leads_to", "Leads to"), d.out, "→");
        body.appendChild(el("h4", W.word("js_evidence_count", "Evidence ({count})", { count: d.evidence.length })));
        if (!d.evidence.length) {
          body.appendChild(el("p", W.word("js_no_quote", "No statement about this node carries its own quote."), "muted"));
        }
        var list = el("ol", null, "evidence");
        d.evidence.forEach(function (ev) {
          var li = el("li");
          var q = el("blockquote", ev.quote, "quote");
          li.appendChild(q);
          var meta = el("p", null, "muted");
          meta.appendChild(document.createTextNode(
            (ev.propertyLabel || ev.property) + " → " + (ev.valueLabel || ev.value) + " · " +
            (ev.inferred ? W.word("js_inferred", "inferred") + (ev.basis ? " (" + ev.basis + ")" : "")
              : W.word("js_explicit", "explicit")) + " · " +
            W.word("js_characters_of", "characters {start}–{end} of", { start: ev.start, end: ev.end }) + " "));
          var sourceName = ev.sourceLabel || ev.source.split("/").pop();
          if (ev.sourcePage) { meta.appendChild(link(ev.sourcePage, sourceName)); }
          else { meta.appendChild(document.createTextNode(sourceName)); }
          li.appendChild(meta);
          list.appendChild(li);
        });
        body.appendChild(list);
      })
      .catch(function (err) {
        clear(body);
        body.appendChild(el("p", W.word("js_details_failed", "Could not load the details:") + " " + err, "notice"));
      });
  }

  var cy = null;
  var expansion = null;  // static/js/graph-expand.js: which nodes are drawn
  var redraw = null;  // lays the drawing out again and says so on #graph-status

  function select(iri) {
    if (cy) {
      cy.$(":selected").unselect();
      if (!cy.getElementById(iri).length && expansion && expansion.reveal(iri)) {
        redraw();  // it was in a group or under a collapsed node: opened for it
      }
      var node = cy.getElementById(iri);
      if (node && node.length) {
        node.select();
        cy.animate({ center: { eles: node } }, { duration: 200 });
      }
    }
    showDetails(iri);
  }

  /* -- analytics panel --------------------------------------------------------------------- */
  function showAnalytics(a) {
    var box = document.getElementById("analytics-body");
    clear(box);
    var dl = el("dl", null, "facts");
    function fact(name, value) { dl.appendChild(el("dt", name)); dl.appendChild(el("dd", value)); }
    fact(W.word("js_nodes_edges", "Nodes / edges drawn"), W.number(a.nodes) + " / " + W.number(a.edges));
    fact(W.word("js_root_descendants", "Depend on the root (descendants)"), a.descendants);
    fact(W.word("js_root_ancestors", "The root depends on (ancestors)"), a.ancestors);
    fact(W.word("js_cycles", "Cycles"), a.cycles.length ? a.cycles.length : W.word("js_none", "none"));
    box.appendChild(dl);
    var kinds = Object.keys(a.kinds).map(function (k) { return kindName(k) + " " + W.number(a.kinds[k]); }).join(", ");
    box.appendChild(el("p", kinds, "muted"));
    box.appendChild(el("h3", W.word("js_orphans", "Mandates no activity addresses ({count})", { count: a.orphanMandates.length })));
    var orphans = el("ul", null, "compact");
    a.orphanMandates.forEach(function (m) {
      var li = el("li");
      var b = el("button", m.label, "linklike");
      b.type = "button";
      b.addEventListener("click", function () { select(m.id); });
      li.appendChild(b);
      orphans.appendChild(li);
    });
    box.appendChild(orphans);
    [["degree", W.word("js_degree", "Most connected (degree)")], ["betweenness", W.word("js_betweenness", "Most bridging (betweenness)")]].forEach(function (pair) {
      box.appendChild(el("h3", pair[1]));
      var ol = el("ol", null, "compact");
      a.centrality[pair[0]].forEach(function (c) {
        var li = el("li");
        var b = el("button", c.label, "linklike");
        b.type = "button";
        b.addEventListener("click", function () { select(c.id); });
        li.appendChild(b);
        li.appendChild(el("span", " " + kindName(c.kind) + " · " + c.score, "muted"));
        ol.appendChild(li);
      });
      box.appendChild(ol);
    });
  }

  /* -- the keyboard-usable node list, 50 a page ("1–50 of 857"), with a search box ---------- */
  var NODE_PAGE = 50;
  var nodePager = null;

  function showNodeList(nodes) {
    var list = document.getElementById("node-list");
    var sorted = nodes.slice().sort(function (x, y) {
      return (x.kind + x.label).localeCompare(y.kind + y.label);
    });
    function drawPage(shown) {
      clear(list);
      shown.forEach(function (n) {
        var li = el("li");
        var b = el("button", n.name || n.label, "linklike");
        b.type = "button";
        b.setAttribute("data-iri", n.id);
        b.addEventListener("click", function () { select(n.id); });
        li.appendChild(b);
        li.appendChild(el("span", " " + kindName(n.kind) + (n.start ? " · " + n.start.slice(0, 10) : ""), "muted"));
        list.appendChild(li);
      });
    }
    if (!nodePager) { nodePager = W.pager(list, NODE_PAGE, drawPage, W.word("js_node_pages", "Pages of the nodes")); }
    var search = document.getElementById("node-search");
    function filter() {
      var needle = search ? search.value.trim().toLowerCase() : "";
      nodePager.reset(needle ? sorted.filter(function (n) {
        return ((n.name || n.label) + " " + n.label + " " + kindName(n.kind)).toLowerCase().indexOf(needle) >= 0;
      }) : sorted);
    }
    if (search && !search.getAttribute("data-ready")) {
      search.setAttribute("data-ready", "1");
      search.addEventListener("input", filter);
    }
    filter();
    document.getElementById("node-list-count").textContent = W.number(nodes.length);
  }

  /* -- drawing ----------------------------------------------------------------------------- */
  var layout = window.MandateGraphLayout;  // static/js/graph-layout.js

  function showLegend(data) {
    var legend = document.getElementById("graph-legend");
    if (!legend) { return; }
    clear(legend);
    var present = {};
    data.nodes.forEach(function (n) { present[n.kind] = (present[n.kind] || 0) + 1; });
    Object.keys(KIND_STYLE).forEach(function (kind) {
      if (!present[kind]) { return; }
      var li = el("li", null, "legend-item");
      var swatch = el("span", null, "swatch shape-" + KIND_STYLE[kind].shape);
      swatch.style.backgroundColor = KIND_STYLE[kind].color;
      swatch.setAttribute("aria-hidden", "true");
      li.appendChild(swatch);
      li.appendChild(el("span", kindName(kind) + " (" + W.number(present[kind]) + ")"));
      li.setAttribute("data-kind", kind);
      li.setAttribute("data-color", KIND_STYLE[kind].color);
      legend.appendChild(li);
    });
    var group = el("li", null, "legend-item");
    var dot = el("span", null, "swatch shape-cluster");
    dot.setAttribute("aria-hidden", "true");
    group.appendChild(dot);
    group.appendChild(el("span", W.word("js_group_legend", "+N: a group of nodes, opened on click")));
    group.setAttribute("data-kind", "cluster");
    legend.appendChild(group);
  }

  /* The legend's words for a collapsed node, when the first drawing has one. */
  function addCollapsedLegend() {
    var legend = document.getElementById("graph-legend");
    if (!legend) { return; }
    var item = el("li", null, "legend-item");
    var mark = el("span", null, "swatch shape-collapsed");
    mark.setAttribute("aria-hidden", "true");
    item.appendChild(mark);
    item.appendChild(el("span", W.word("js_collapsed_legend", "▸ +N: nodes under this one, drawn on click")));
    item.setAttribute("data-kind", "collapsed");
    legend.appendChild(item);
  }

  function report(status, data, started) {
    var ms = Math.round(performance.now() - started);
    var shown = cy.nodes().not(".cluster").length;
    var groups = cy.nodes(".cluster").length;
    var collapsed = cy.nodes(".collapsed").length;
    status.setAttribute("data-collapsed", String(collapsed));
    status.setAttribute("data-nodes", String(data.nodes.length));
    status.setAttribute("data-drawn", String(cy.nodes().length));
    status.setAttribute("data-groups", String(groups));
    status.setAttribute("data-edges", String(cy.edges().length));
    status.setAttribute("data-draw-ms", String(ms));
    status.textContent = W.word("js_status", "{nodes} nodes and {edges} edges", { nodes: data.nodes.length, edges: data.edges.length }) +
      (groups ? " (" + W.word("js_status_groups", "{shown} drawn, the others in {groups} groups: click one to open it", { shown: shown, groups: groups }) + ")" : "") +
      (collapsed ? " (" + W.word("js_status_collapsed", "{count} with more under them: click one to draw it", { count: collapsed }) + ")" : "") +
      ", " + W.word("js_drawn_in", "drawn in {ms} ms", { ms: ms }) +
      (data.truncated ? " (" + W.word("js_cut", "cut: too many nodes; lower the depth") + ")" : "") + ".";
  }

  function draw(container, data) {
    var status = document.getElementById("graph-status");
    var started = performance.now();
    showLegend(data);
    if (data.nodes.length <= 1) {
      // nothing to draw but the root: say so instead of drawing one giant node
      container.hidden = true;
      var empty = document.getElementById("graph-empty");
      empty.hidden = false;
      var filtered = window.location.search.indexOf("kinds=") >= 0 ||
        window.location.search.indexOf("organ=") >= 0;
      empty.textContent = filtered
        ? W.word("js_empty_filtered", "Nothing in the graph follows from {root} or leads to it with these filters: no provision, mandate, organ or activity is linked to it.", { root: data.root.label })
        : W.word("js_empty", "Nothing in the graph follows from {root} or leads to it: no provision, mandate, organ or activity is linked to it.", { root: data.root.label });
      status.setAttribute("data-nodes", String(data.nodes.length));
      status.setAttribute("data-drawn", "0");
      status.setAttribute("data-draw-ms", String(Math.round(performance.now() - started)));
      status.textContent = W.word("js_nothing", "Nothing to draw.");
      return;
    }
    cy = window.cytoscape({
      container: container,
      elements: [],
      wheelSensitivity: 0.3,
      style: [
        // colours and shapes by selector, not by function: a function is called again for
        // every node at every style pass, which cost most of the first drawing's time
        { selector: "node", style: {
          "label": "data(short)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 110,
          "text-valign": "bottom", "text-margin-y": 3, "width": 22, "height": 22,
          "background-color": KIND_STYLE.other.color, "shape": KIND_STYLE.other.shape
        } }
      ].concat(Object.keys(KIND_STYLE).map(function (kind) {
        return { selector: "node[kind = \"" + kind + "\"]",
                 style: { "background-color": KIND_STYLE[kind].color, "shape": KIND_STYLE[kind].shape } };
      })).concat([
        { selector: "node[more]", style: { "label": "data(shortMore)" } },
        { selector: "node.root", style: {
          "width": 34, "height": 34, "border-width": 4, "border-color": "#f0a500"
        } },
        { selector: "node.cluster", style: {
          "width": 40, "height": 40, "border-width": 3, "border-color": "#333",
          "border-style": "double", "font-weight": "bold"
        } },
        { selector: "node.collapsed", style: {
          "border-width": 2, "border-color": "#333", "border-style": "dashed"
        } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#111" } },
        { selector: "edge", style: {
          "width": 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle",
          "line-color": "#9aa3b2", "target-arrow-color": "#9aa3b2", "arrow-scale": 0.8
        } },
        { selector: "edge[?inferred]", style: { "line-style": "dashed" } },
        { selector: "edge[property = \"reaffirms\"], edge[property = \"recalls\"], edge[property = \"cites\"]",
          style: { "line-color": "#1f5fa8", "target-arrow-color": "#1f5fa8", "width": 2.5 } },
        { selector: "edge[property = \"via\"]", style: { "line-style": "dotted" } }
      ]),
      layout: { name: "preset", fit: false }
    });
    window.mandateGraph = cy;  // the drawing, for a test or a curious reader's console
    expansion = window.MandateGraphExpand.expansion(cy, data, {
      groupLabel: function (kind, count) {
        return W.word("js_more_" + kind, "+{count} more " + window.MandateGraphExpand.plural(kind, count), { count: count });
      },
      number: W.number
    });
    cy.getElementById(data.root.id).addClass("root");
    if (expansion.counts().collapsed) { addCollapsedLegend(); }
    var parentOf = function (node) { return expansion.parentOf(node); };
    redraw = function () {
      var opened = performance.now();
      layout.layOut(cy, container, parentOf);
      report(status, data, opened);
    };
    cy.on("tap", "node", function (evt) {
      var node = evt.target;
      if (node.hasClass("cluster")) {
        expansion.openGroup(node.id());
        redraw();
        return;
      }
      if (node.hasClass("collapsed")) {
        expansion.openNode(node.id());
        redraw();
      }
      select(node.id());
    });
    layout.layOut(cy, container, parentOf);
    report(status, data, started);
    interactive(status);
  }

  /* Time to interactive: from the start of the navigation to the first frame painted after
   * the layout, when the drawing answers a click (data-interactive-ms, read by the tests and
   * bench/graph_view.py). */
  function interactive(status) {
    window.requestAnimationFrame(function () {
      status.setAttribute("data-interactive-ms", String(Math.round(performance.now())));
    });
  }

  function setUpExport() {
    var button = document.getElementById("export-png");
    if (!button) { return; }
    button.addEventListener("click", function () {
      if (!cy) { return; }
      var blob = cy.png({ full: true, scale: 2, bg: "#ffffff", output: "blob" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "dependency-graph.png";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });
  }

  function start() {
    setUpExport();
    var container = document.getElementById("cy");
    if (!container) { return; }
    var status = document.getElementById("graph-status");
    fetch(container.getAttribute("data-api"), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
      .then(function (res) {
        if (!res.ok) { status.textContent = res.data.error || W.word("js_load_failed", "The graph could not be loaded."); return; }
        showNodeList(res.data.nodes);
        showAnalytics(res.data.analytics);
        draw(container, res.data);
      })
      .catch(function (err) { status.textContent = W.word("js_load_failed", "The graph could not be loaded.") + " " + err; });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
