/* The words the page scripts write, in the reader's language.
 *
 * The server puts the reader's words (the js_* keys of server/ui-strings.toml for the language
 * of ?lang= or Accept-Language) on <body data-words='{…}'> and the language on <html lang>;
 * a script asks for word("js_loading", "Loading…"): the catalogue's word, else the English it
 * gives. Placeholders are {name}, filled from the values. Numbers are written for the language
 * (1 234 in French). The pager every list of the site shares — "1–50 of 857", previous, next —
 * is here too, so that the lists the scripts draw page like the server's.
 */
(function () {
  "use strict";

  var words = {};
  try { words = JSON.parse(document.body.getAttribute("data-words") || "{}"); } catch (e) { words = {}; }
  var lang = document.documentElement.getAttribute("lang") || "en";

  function number(n) {
    try { return Number(n).toLocaleString(lang); } catch (e) { return String(n); }
  }

  function word(key, english, values) {
    var text = Object.prototype.hasOwnProperty.call(words, key) ? words[key] : english;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      if (!values || !Object.prototype.hasOwnProperty.call(values, name)) { return all; }
      var v = values[name];
      return typeof v === "number" ? number(v) : String(v);
    });
  }

  /* A pager after `list`: shows `size` of `items` at a time, calls draw(pageItems) on each
   * change; returns { reset: function (items) }. */
  function pager(list, size, draw, label) {
    var nav = document.createElement("nav");
    nav.className = "pager";
    nav.setAttribute("aria-label", label || word("js_pages", "Pages"));
    var range = document.createElement("span");
    range.className = "count";
    function button(rel, text) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "linklike";
      b.setAttribute("rel", rel);
      b.textContent = text;
      return b;
    }
    var previous = button("prev", word("js_previous", "previous"));
    var next = button("next", word("js_next", "next"));
    nav.appendChild(range);
    nav.appendChild(previous);
    nav.appendChild(next);
    list.parentNode.insertBefore(nav, list.nextSibling);
    var items = [];
    var page = 0;
    function show() {
      var pages = Math.max(1, Math.ceil(items.length / size));
      page = Math.max(0, Math.min(page, pages - 1));
      var first = items.length ? page * size + 1 : 0;
      var last = Math.min(items.length, (page + 1) * size);
      range.textContent = word("js_range", "{start}–{end} of {total}",
                               { start: first, end: last, total: items.length });
      previous.hidden = page === 0;
      next.hidden = page >= pages - 1;
      nav.hidden = items.length <= size;
      draw(items.slice(page * size, (page + 1) * size), page);
    }
    previous.addEventListener("click", function () { page -= 1; show(); });
    next.addEventListener("click", function () { page += 1; show(); });
    return {
      reset: function (newItems) { items = newItems; page = 0; show(); },
      showItem: function (index) { page = Math.floor(index / size); show(); },
      nav: nav
    };
  }

  window.MandateGraphWords = { word: word, number: number, pager: pager, lang: lang };
}());
