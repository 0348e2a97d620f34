/* The dependency graph page: filters the root picker, draws the chain with Cytoscape.js,
 * shows a node's details and evidence, and the analytics of the view.
 *
 * Every piece of text from the graph is written with textContent (never innerHTML), and the
 * data comes from the JSON routes named by data-* attributes: the page has no inline script.
 * The drawn node count and the drawing time are written on #graph-status (data-nodes,
 * data-draw-ms) so that a test, or a curious reader, can read them.
 */
(function () {
  "use strict";

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

  /* -- the root picker: filter the server-rendered list as the user types ------------------ */
  function setUpPicker() {
    var input = document.getElementById("root-search");
    var list = document.getElementById("root-list");
    var count = document.getElementById("root-count");
    if (!input || !list) { return; }
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(list.children, function (item) {
        var match = !needle || (item.getAttribute("data-search") || "").indexOf(needle) >= 0;
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      count.textContent = shown + " starting point" + (shown === 1 ? "" : "s");
    });
  }

  /* -- details of one node ----------------------------------------------------------------- */
  function showDetails(iri) {
    var body = document.getElementById("details-body");
    var hint = document.getElementById("details-hint");
    clear(body);
    body.appendChild(el("p", "Loading…", "muted"));
    fetch("/api/graph/node?iri=" + encodeURIComponent(iri), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
      .then(function (res) {
        clear(body);
        if (!res.ok) { body.appendChild(el("p", res.data.error || "error", "notice")); return; }
        if (hint) { hint.hidden = true; }
        var d = res.data;
        var title = el("h3", d.node.label);
        body.appendChild(title);
        var facts = el("dl", null, "facts");
        function fact(name, value) {
          if (value === undefined || value === null || value === "") { return; }
          facts.appendChild(el("dt", name));
          facts.appendChild(el("dd", value));
        }
        fact("Kind", d.node.kind + (d.node.type ? " (" + d.node.type + ")" : ""));
        fact("Start", d.node.start);
        fact("End", d.node.end);
        fact("Every year on", d.node.monthDay);
        fact("Depend on it (descendants)", d.descendants);
        fact("It depends on (ancestors)", d.ancestors);
        fact("Evidences", d.node.evidence);
        body.appendChild(facts);
        if (d.node.page) {
          var p = el("p");
          p.appendChild(link(d.node.page, "Entity page"));
          p.appendChild(document.createTextNode(" · "));
          p.appendChild(link("/graph?root=" + encodeURIComponent(d.node.page), "Draw from this node"));
          body.appendChild(p);
        }
        function edges(titleText, items, arrow) {
          if (!items.length) { return; }
          body.appendChild(el("h4", titleText));
          var ul = el("ul", null, "edges");
          items.forEach(function (e) {
            var li = el("li");
            li.appendChild(el("span", arrow + " " + e.property + (e.inferred ? " (inferred)" : "") + " "));
            var b = el("button", e.label, "linklike");
            b.type = "button";
            b.addEventListener("click", function () { select(e.node); });
            li.appendChild(b);
            ul.appendChild(li);
          });
          body.appendChild(ul);
        }
        edges("Follows from", d["in"], "←");
        edges("Leads to", d.out, "→");
        body.appendChild(el("h4", "Evidence (" + d.evidence.length + ")"));
        if (!d.evidence.length) {
          body.appendChild(el("p", "No statement about this node carries its own quote.", "muted"));
        }
        var list = el("ol", null, "evidence");
        d.evidence.forEach(function (ev) {
          var li = el("li");
          var q = el("blockquote", ev.quote, "quote");
          li.appendChild(q);
          var meta = el("p", null, "muted");
          meta.appendChild(document.createTextNode(
            ev.property + " → " + (ev.valueLabel || ev.value) + " · " +
            (ev.inferred ? "inferred" + (ev.basis ? " (" + ev.basis + ")" : "") : "explicit") +
            " · characters " + ev.start + "–" + ev.end + " of "));
          if (ev.sourcePage) { meta.appendChild(link(ev.sourcePage, ev.source.split("/").pop())); }
          else { meta.appendChild(document.createTextNode(ev.source)); }
          li.appendChild(meta);
          list.appendChild(li);
        });
        body.appendChild(list);
      })
      .catch(function (err) {
        clear(body);
        body.appendChild(el("p", "Could not load the details: " + err, "notice"));
      });
  }

  var cy = null;

  function select(iri) {
    if (cy) {
      cy.$(":selected").unselect();
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
    fact("Nodes / edges drawn", a.nodes + " / " + a.edges);
    fact("Depend on the root (descendants)", a.descendants);
    fact("The root depends on (ancestors)", a.ancestors);
    fact("Cycles", a.cycles.length ? a.cycles.length : "none");
    box.appendChild(dl);
    var kinds = Object.keys(a.kinds).map(function (k) { return k + " " + a.kinds[k]; }).join(", ");
    box.appendChild(el("p", kinds, "muted"));
    box.appendChild(el("h3", "Mandates no activity addresses (" + a.orphanMandates.length + ")"));
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
    [["degree", "Most connected (degree)"], ["betweenness", "Most bridging (betweenness)"]].forEach(function (pair) {
      box.appendChild(el("h3", pair[1]));
      var ol = el("ol", null, "compact");
      a.centrality[pair[0]].forEach(function (c) {
        var li = el("li");
        var b = el("button", c.label, "linklike");
        b.type = "button";
        b.addEventListener("click", function () { select(c.id); });
        li.appendChild(b);
        li.appendChild(el("span", " " + c.kind + " · " + c.score, "muted"));
        ol.appendChild(li);
      });
      box.appendChild(ol);
    });
  }

  /* -- the keyboard-usable node list ------------------------------------------------------- */
  function showNodeList(nodes) {
    var list = document.getElementById("node-list");
    clear(list);
    nodes.slice().sort(function (x, y) {
      return (x.kind + x.label).localeCompare(y.kind + y.label);
    }).forEach(function (n) {
      var li = el("li");
      var b = el("button", n.label, "linklike");
      b.type = "button";
      b.setAttribute("data-iri", n.id);
      b.addEventListener("click", function () { select(n.id); });
      li.appendChild(b);
      li.appendChild(el("span", " " + n.kind + (n.start ? " · " + n.start.slice(0, 10) : ""), "muted"));
      list.appendChild(li);
    });
    document.getElementById("node-list-count").textContent = String(nodes.length);
  }

  /* -- drawing ----------------------------------------------------------------------------- */
  function draw(container, data) {
    var status = document.getElementById("graph-status");
    var started = performance.now();
    var elements = [];
    data.nodes.forEach(function (n) {
      var element = { group: "nodes", data: n };
      if (data.positions && data.positions[n.id]) { element.position = data.positions[n.id]; }
      elements.push(element);
    });
    data.edges.forEach(function (e) { elements.push({ group: "edges", data: e }); });
    if (window.cytoscapeDagre && !draw.registered) {
      window.cytoscape.use(window.cytoscapeDagre);
      draw.registered = true;
    }
    var layout = data.positions
      ? { name: "preset" }
      : { name: "dagre", rankDir: "LR", nodeSep: 12, rankSep: 120, animate: false };
    cy = window.cytoscape({
      container: container,
      elements: elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
          "label": "data(short)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 120,
          "text-valign": "bottom", "text-margin-y": 3, "width": 22, "height": 22,
          "background-color": function (n) { return (KIND_STYLE[n.data("kind")] || KIND_STYLE.other).color; },
          "shape": function (n) { return (KIND_STYLE[n.data("kind")] || KIND_STYLE.other).shape; }
        } },
        { selector: "node.root", style: {
          "width": 34, "height": 34, "border-width": 4, "border-color": "#f0a500"
        } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#111" } },
        { selector: "edge", style: {
          "width": 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle",
          "line-color": "#9aa3b2", "target-arrow-color": "#9aa3b2", "arrow-scale": 0.8
        } },
        { selector: "edge[?inferred]", style: { "line-style": "dashed" } },
        { selector: "edge[property = \"reaffirms\"], edge[property = \"recalls\"], edge[property = \"cites\"]",
          style: { "line-color": "#1f5fa8", "target-arrow-color": "#1f5fa8", "width": 2.5,
                   "label": "data(property)", "font-size": 9 } },
        { selector: "edge[property = \"via\"]", style: { "line-style": "dotted" } }
      ],
      layout: layout
    });
    cy.getElementById(data.root.id).addClass("root");
    cy.on("tap", "node", function (evt) { select(evt.target.id()); });
    cy.ready(function () {
      var ms = Math.round(performance.now() - started);
      status.setAttribute("data-nodes", String(cy.nodes().length));
      status.setAttribute("data-edges", String(cy.edges().length));
      status.setAttribute("data-draw-ms", String(ms));
      status.textContent = cy.nodes().length + " nodes and " + cy.edges().length +
        " edges drawn in " + ms + " ms" + (data.truncated ? " (cut: too many nodes; lower the depth)" : "") +
        (data.positions ? " (laid out by the server)" : "") + ".";
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
    setUpPicker();
    setUpExport();
    var container = document.getElementById("cy");
    if (!container) { return; }
    var status = document.getElementById("graph-status");
    fetch(container.getAttribute("data-api"), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
      .then(function (res) {
        if (!res.ok) { status.textContent = res.data.error || "The graph could not be loaded."; return; }
        showNodeList(res.data.nodes);
        showAnalytics(res.data.analytics);
        draw(container, res.data);
      })
      .catch(function (err) { status.textContent = "The graph could not be loaded: " + err; });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
