/* The dependency view's root picker: the server lists every starting point (a few hundred);
 * this filters them as the user types and shows them 50 at a time, with the counts
 * ("1–50 of 292") and previous / next buttons (the pager of words.js), as every other list of
 * the site pages.
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
    var W = window.MandateGraphWords;
    var all = Array.prototype.slice.call(list.children);
    var pages = W.pager(list, PAGE, function (shown) {
      all.forEach(function (item) { item.hidden = true; });
      shown.forEach(function (item) { item.hidden = false; });
    }, W.word("js_root_pages", "Pages of the starting points"));

    function show() {
      var needle = input.value.trim().toLowerCase();
      var matching = all.filter(function (item) {
        return !needle || (item.getAttribute("data-search") || "").indexOf(needle) >= 0;
      });
      pages.reset(matching);
      if (count) {
        count.textContent = matching.length === 1 ? W.word("js_one_root", "1 starting point")
          : W.word("js_roots", "{count} starting points", { count: matching.length });
      }
    }

    input.addEventListener("input", show);
    show();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
}());
