/* Which nodes of a view are drawn (used by static/js/graph.js): the root's neighbourhood to a
 * node budget, the rest behind "+N more" groups and collapsed nodes that open on click.
 *
 * Why: a view of 2,000 nodes drawn whole is a hairball, and laying it out takes the browser
 * tens of seconds. The view is read as a tree from the root (breadth first, each node under
 * the first node that reaches it); the drawing grows from the root level by level while a
 * budget of nodes lasts. A node with more than 60 children keeps 8 of each kind drawn and the
 * others behind one "+N more provisions" group per kind; a node whose children no longer fit
 * the budget is drawn collapsed ("▸ +N": N nodes under it). A click on either draws what it
 * holds, under a budget of its own, so the drawing grows as the reader asks and stays legible.
 * Only drawn nodes are Cytoscape elements: the others cost nothing until they are drawn.
 */
(function () {
  "use strict";

  var CLUSTER_ABOVE = 60;  // more children than this: grouped by kind
  var CLUSTER_MIN = 5;  // fewer left over than this: drawn rather than grouped
  var KEEP_DRAWN = 8;  // children of each kind still drawn beside their group
  var FIRST_BUDGET = 200;  // nodes of the first drawing (laid out and painted in about half a second)
  var OPEN_BUDGET = 250;  // nodes one click adds at most
  var OPEN_AT_ONCE = 100;  // a group of more members opens CHUNK of them a click
  var CHUNK = 60;

  function plural(kind, n) {
    var words = { activity: "activities", obligation: "obligations", axis: "axes" };
    if (n === 1) { return kind; }
    return words[kind] || kind + "s";
  }

  /* The view as a tree from the root: parent and children of each node, sizes of subtrees. */
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
    var order = [data.root.id];
    parent[data.root.id] = null;
    for (var i = 0; i < order.length; i++) {
      var id = order[i];
      children[id] = [];
      near[id].forEach(function (other) {
        if (!(other in parent)) {
          parent[other] = id;
          children[id].push(other);
          order.push(other);
        }
      });
    }
    var size = {};
    for (var j = order.length - 1; j >= 0; j--) {
      size[order[j]] = 1;
      children[order[j]].forEach(function (c) { size[order[j]] += size[c]; });
    }
    return { parent: parent, children: children, size: size };
  }

  /* A drawing of ``data`` in ``cy`` grown on demand; ``words.groupLabel(kind, count)`` names a
   * group, ``words.number(n)`` writes a number in the reader's language. */
  function Expansion(cy, data, words) {
    this.cy = cy;
    this.groupLabel = words.groupLabel;
    this.number = words.number;
    this.tree = treeOf(data);
    this.record = {};
    this.kind = {};
    var self = this;
    data.nodes.forEach(function (n) { self.record[n.id] = n; self.kind[n.id] = n.kind; });
    this.edgesOf = {};
    data.edges.forEach(function (e, index) {
      (self.edgesOf[e.source] = self.edgesOf[e.source] || []).push(index);
      (self.edgesOf[e.target] = self.edgesOf[e.target] || []).push(index);
    });
    this.edges = data.edges;
    this.edgeDrawn = {};
    this.shown = {};
    this.groups = {};  // group id → {id, parent, kind, members: [ids not drawn yet]}
    this.groupOf = {};  // member id → group id
    this.collapsed = {};  // node id → true while its children wait for a click
    this.pending = [];  // nodes drawn by the operation under way, added to cy at its end
    this.pendingGroups = [];  // and the groups it made
    this.pendingCollapsed = [];  // and the nodes it left collapsed
    this.root = data.root.id;
    cy.scratch("records", this.record);  // every node of the view, drawn or not, by IRI
  }

  /* The children a node shows, and the groups of those it does not, by kind. */
  Expansion.prototype.pick = function (id) {
    var kids = this.tree.children[id];
    if (kids.length <= CLUSTER_ABOVE) { return { show: kids.slice(), groups: [] }; }
    var byKind = {};
    var self = this;
    kids.forEach(function (k) { (byKind[self.kind[k]] = byKind[self.kind[k]] || []).push(k); });
    var show = [];
    var groups = [];
    Object.keys(byKind).sort().forEach(function (kind) {
      var sized = byKind[kind].slice().sort(function (a, b) {
        return self.tree.size[b] - self.tree.size[a] || (a < b ? -1 : 1);
      });
      var rest = sized.slice(KEEP_DRAWN);
      if (rest.length < CLUSTER_MIN) {
        show = show.concat(sized);
        return;
      }
      show = show.concat(sized.slice(0, KEEP_DRAWN));
      groups.push({ kind: kind, members: rest });
    });
    return { show: show, groups: groups };
  };

  Expansion.prototype.show = function (id) {
    this.shown[id] = true;
    this.pending.push(id);
  };

  /* Grow the drawing from ``level`` (drawn nodes whose children are undecided) breadth first
   * while ``budget`` lasts; the nodes left with children undrawn are collapsed. */
  Expansion.prototype.grow = function (level, budget) {
    var self = this;
    while (level.length) {
      var next = [];
      level.forEach(function (id) {
        if (!self.tree.children[id].length) { return; }
        var choice = self.pick(id);
        var cost = choice.show.length + choice.groups.length;
        if (cost > budget) {
          self.collapse(id);
          return;
        }
        budget -= cost;
        choice.show.forEach(function (k) { self.show(k); next.push(k); });
        choice.groups.forEach(function (g) { self.group(id, g.kind, g.members); });
      });
      level = next;
    }
  };

  Expansion.prototype.group = function (parent, kind, members) {
    var id = "cluster:" + parent + ":" + kind;
    var self = this;
    this.groups[id] = { id: id, parent: parent, kind: kind, members: members };
    members.forEach(function (m) { self.groupOf[m] = id; });
    var label = this.groupLabel(kind, members.length);
    this.pendingGroups.push(
      { group: "nodes", classes: "cluster",
        data: { id: id, kind: kind, short: label, label: label, cluster: true,
                count: members.length, of: parent, members: members.slice() } },
      { group: "edges", data: { id: id + ":edge", source: parent, target: id,
                                property: "groups" } });
  };

  Expansion.prototype.collapse = function (id) {
    this.collapsed[id] = true;
    this.pendingCollapsed.push(id);
  };

  /* Add the nodes drawn by the operation, and every edge between two drawn nodes. */
  Expansion.prototype.flush = function () {
    var self = this;
    var elements = this.pending.map(function (id) {
      return { group: "nodes", data: self.record[id] };
    });
    this.pending.forEach(function (id) {
      (self.edgesOf[id] || []).forEach(function (index) {
        var e = self.edges[index];
        if (!self.edgeDrawn[index] && self.shown[e.source] && self.shown[e.target]) {
          self.edgeDrawn[index] = true;
          elements.push({ group: "edges", data: e });
        }
      });
    });
    this.pending = [];
    this.cy.add(elements.concat(this.pendingGroups));
    this.pendingGroups = [];
    this.pendingCollapsed.forEach(function (id) {
      var node = self.cy.getElementById(id);
      if (self.collapsed[id] && node.length) {
        var more = self.tree.size[id] - 1;
        node.data({ more: more, shortMore: node.data("short") + " ▸ +" + self.number(more) });
        node.addClass("collapsed");
      }
    });
    this.pendingCollapsed = [];
  };

  /* The first drawing: the root and its neighbourhood to the first budget. */
  Expansion.prototype.start = function () {
    this.show(this.root);
    this.grow([this.root], FIRST_BUDGET - 1);
    this.flush();
  };

  /* Draw what a group holds (``first`` among the first when given); true when it changed. */
  Expansion.prototype.openGroup = function (groupId, first) {
    var g = this.groups[groupId];
    if (!g) { return false; }
    if (first && g.members.indexOf(first) > 0) {
      g.members.splice(g.members.indexOf(first), 1);
      g.members.unshift(first);
    }
    var take = g.members.length > OPEN_AT_ONCE ? CHUNK : g.members.length;
    var opened = g.members.splice(0, take);
    var self = this;
    opened.forEach(function (m) { delete self.groupOf[m]; self.show(m); });
    var node = this.cy.getElementById(groupId);
    if (g.members.length) {
      var label = this.groupLabel(g.kind, g.members.length);
      node.data({ short: label, label: label, count: g.members.length,
                  members: g.members.slice() });
    } else {
      delete this.groups[groupId];
      this.cy.remove(node);
    }
    this.grow(opened, OPEN_BUDGET - take);
    this.flush();
    return true;
  };

  /* Draw the children of a collapsed node; true when it was collapsed. */
  Expansion.prototype.openNode = function (id) {
    if (!this.collapsed[id]) { return false; }
    delete this.collapsed[id];
    var node = this.cy.getElementById(id);
    node.removeClass("collapsed");
    node.removeData("more shortMore");
    this.grow([id], OPEN_BUDGET);
    this.flush();
    return true;
  };

  /* Open the groups and collapsed nodes above ``id`` until it is drawn; true when it is. */
  Expansion.prototype.reveal = function (id) {
    for (var guard = 0; guard < 100 && !this.shown[id]; guard++) {
      if (!(id in this.tree.parent)) { return false; }
      var top = id;
      while (!this.shown[this.tree.parent[top]]) { top = this.tree.parent[top]; }
      var above = this.tree.parent[top];
      if (this.groupOf[top]) { this.openGroup(this.groupOf[top], top); }
      else if (this.collapsed[above]) { this.openNode(above); }
      else { return false; }
    }
    return Boolean(this.shown[id]);
  };

  /* The node a drawn node hangs from in the drawing's tree (its group's parent for a group). */
  Expansion.prototype.parentOf = function (node) {
    return node.hasClass("cluster") ? node.data("of") : this.tree.parent[node.id()];
  };

  Expansion.prototype.counts = function () {
    return { groups: Object.keys(this.groups).length,
             collapsed: Object.keys(this.collapsed).length };
  };

  window.MandateGraphExpand = {
    expansion: function (cy, data, words) {
      var e = new Expansion(cy, data, words);
      e.start();
      return e;
    },
    plural: plural
  };
}());
