/* The dependency view's root picker: the server lists every starting point (a few hundred);
 * this filters them as the user types and shows them 50 at a time, with the counts
 * ("1–50 of 292") and previous / next buttons, as every other list of the site pages.
 * Runs on its own (no Cytoscape needed): the picker is on the page with or without a root.
 */
(function () {
  "use strict";

  var PAGE = 50;

  function setUp() {
    var input = document.getElementById("root-search");
    var list = document.getElementById("root-list");
    var count = document.getElementById("root-count");
    if (!input || !list) { return; }
    var nav = document.createElement("nav");
    nav.className = "pager";
    nav.setAttribute("aria-label", "Pages of the starting points");
    var range = document.createElement("span");
    range.className = "count";
    var previous = document.createElement("button");
    previous.type = "button";
    previous.className = "linklike";
    previous.setAttribute("rel", "prev");
    previous.textContent = "previous";
    var next = document.createElement("button");
    next.type = "button";
    next.className = "linklike";
    next.setAttribute("rel", "next");
    next.textContent = "next";
    nav.appendChild(range);
    nav.appendChild(previous);
    nav.appendChild(next);
    list.parentNode.insertBefore(nav, list.nextSibling);
    var page = 0;

    function show() {
      var needle = input.value.trim().toLowerCase();
      var matching = Array.prototype.filter.call(list.children, function (item) {
        return !needle || (item.getAttribute("data-search") || "").indexOf(needle) >= 0;
      });
      var pages = Math.max(1, Math.ceil(matching.length / PAGE));
      page = Math.min(page, pages - 1);
      Array.prototype.forEach.call(list.children, function (item) { item.hidden = true; });
      matching.slice(page * PAGE, (page + 1) * PAGE).forEach(function (item) { item.hidden = false; });
      var first = matching.length ? page * PAGE + 1 : 0;
      var last = Math.min(matching.length, (page + 1) * PAGE);
      range.textContent = first + "–" + last + " of " + matching.length;
      previous.hidden = page === 0;
      next.hidden = page >= pages - 1;
      nav.hidden = matching.length <= PAGE;
      if (count) {
        count.textContent = matching.length + " starting point" + (matching.length === 1 ? "" : "s");
      }
    }

    input.addEventListener("input", function () { page = 0; show(); });
    previous.addEventListener("click", function () { page -= 1; show(); });
    next.addEventListener("click", function () { page += 1; show(); });
    show();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
}());
