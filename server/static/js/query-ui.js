// The SPARQL editor page (/query): YASGUI on this server's /sparql, the named queries as examples,
// and a shareable link. Configuration comes from the data-config attribute (no inline script);
// text from the server is inserted with textContent only.
(function () {
  "use strict";

  function word(key, english) {  // static/js/words.js, when the page loads it
    return window.MandateGraphWords ? window.MandateGraphWords.word(key, english) : english;
  }

  var root = document.getElementById("yasgui");
  if (!root || typeof window.Yasgui !== "function") {
    return;
  }
  var config = JSON.parse(root.getAttribute("data-config"));
  var endpoint = new URL(config.endpoint, window.location.href).href;

  function prefixLines(prefixes) {
    return Object.keys(prefixes).map(function (name) {
      return "PREFIX " + name + ": <" + prefixes[name] + ">";
    }).join("\n");
  }

  var shared = new URLSearchParams(window.location.search).get("query");
  var initial = shared || prefixLines(config.prefixes) +
    "\n\nSELECT ?organ ?name WHERE {\n  ?organ a mg:Committee ; rdfs:label ?name .\n" +
    "  FILTER(lang(?name) = \"en\")\n}\nLIMIT 20\n";

  var yasgui = new window.Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    populateFromUrl: false, // the URL could name another endpoint: only ?query= is read, below
    persistenceId: null, // every visit starts from the link it came from
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: []
    },
    yasqe: {
      value: initial,
      prefixCcApi: null, // no prefix.cc look-up
      autocompleters: ["variables", "prefixes"] // "property" and "class" would query LOV
    }
  });

  function editor() {
    var yasqe = yasgui.getTab().getYasqe();
    // Whatever the defaults were, no completer that fetches from another site stays on.
    ["property", "class"].forEach(function (name) {
      if (yasqe.autocompleters && yasqe.autocompleters[name]) {
        yasqe.disableCompleter(name);
      }
    });
    return yasqe;
  }

  var first = editor();
  if (first.getValue() !== initial) {
    first.setValue(initial);
  }

  // -- examples: the named queries --------------------------------------------------------------
  var list = document.getElementById("examples");

  function load(name) {
    fetch("/queries/" + encodeURIComponent(name) + ".rq", { headers: { Accept: "text/plain" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.statusText); }
        return response.text();
      })
      .then(function (text) {
        var yasqe = editor();
        yasqe.setValue(text);
        yasqe.query();
      })
      .catch(function (error) { status(word("js_query_failed", "Could not load the query:") + " " + error.message); });
  }

  fetch(config.examples, { headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      data.queries.forEach(function (query) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "example";
        button.setAttribute("data-name", query.name);
        button.title = query.description;
        button.textContent = query.title;
        button.addEventListener("click", function () { load(query.name); });
        item.appendChild(button);
        list.appendChild(item);
      });
    })
    .catch(function () { status(word("js_questions_failed", "The list of questions could not be loaded.")); });

  // -- a shareable link -----------------------------------------------------------------------------
  var copy = document.getElementById("copy-link");
  var field = document.getElementById("share-link");
  var statusEl = document.getElementById("share-status");

  function status(text) { statusEl.textContent = text; }

  copy.addEventListener("click", function () {
    var link = new URL("/query", window.location.href);
    link.searchParams.set("query", editor().getValue());
    field.value = link.href;
    field.hidden = false;
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link.href).then(
        function () { status(word("js_link_copied", "Link copied.")); },
        function () { status(word("js_copy_by_hand", "Select the link and copy it.")); }
      );
    } else {
      status(word("js_copy_by_hand", "Select the link and copy it."));
    }
  });
})();
