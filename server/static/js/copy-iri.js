/* "copy IRI": the pages name things, and keep each IRI behind this button for whoever needs it.
   The IRI goes to the clipboard; where the clipboard is refused (no secure context), it is
   shown selected in a prompt so it can be copied by hand. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.copy-iri") : null;
    if (!button) { return; }
    var iri = button.getAttribute("data-iri");
    var label = button.textContent;
    function done(text) {
      button.textContent = text;
      window.setTimeout(function () { button.textContent = label; }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(iri).then(function () { done("✓"); },
        function () { window.prompt("IRI", iri); });
    } else {
      window.prompt("IRI", iri);
    }
  });
}());
