// Procedure page enhancements; without this file the print link opens a print-ready page and the
// share link stays a plain address to copy.
(function () {
  "use strict";
  var body = document.body;

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-print-checklist]");
    if (!trigger || typeof window.print !== "function") return;
    event.preventDefault();
    var had = body.classList.contains("print-checklist");
    body.classList.add("print-checklist");
    var restore = function () {
      if (!had) body.classList.remove("print-checklist");
      window.removeEventListener("afterprint", restore);
    };
    window.addEventListener("afterprint", restore);
    window.print();
  });

  // The catalogue's filters start folded on a phone when none is chosen, so results come first.
  var filters = document.querySelector("details[data-collapse-on-phone]");
  if (filters && !filters.hasAttribute("data-has-filters") && window.matchMedia("(max-width: 47.99rem)").matches) {
    filters.open = false;
  }

  var share = document.querySelector("[data-share]");
  var field = document.getElementById("share-url");
  if (share && field) {
    if (navigator.share) {
      share.hidden = false;
      share.addEventListener("click", function () {
        navigator.share({ title: share.getAttribute("data-share-title") || document.title, url: field.value })
          .catch(function () {});
      });
    } else if (navigator.clipboard) {
      share.hidden = false;
      share.textContent = "Sao chép đường dẫn";
      share.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          share.textContent = "Đã sao chép";
        }).catch(function () {});
      });
    }
    field.addEventListener("focus", function () { field.select(); });
  }
})();
