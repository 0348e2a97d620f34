// Suggestions for the named-query parameters that take a resource: as one types, the names
// of the data closest to the text (/api/suggest) fill the field's <datalist>. Same origin only.
(function () {
  "use strict";
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-suggest");
    var timer = null;
    var asked = null;
    function fill() {
      var text = input.value;
      if (text === asked) { return; }
      asked = text;
      fetch(url + "&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          if (asked !== text) { return; }
          list.replaceChildren.apply(list, data.suggestions.map(function (s) {
            var option = document.createElement("option");
            option.value = s.value;
            option.label = s.iri;
            return option;
          }));
        })
        .catch(function () { /* suggestions are a help; the field still takes any text */ });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fill, 150);
    });
    input.addEventListener("focus", fill);
  }
  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
