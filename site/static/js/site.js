// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-print]");
    if (trigger) {
      event.preventDefault();
      window.print();
    }
  });

  // The main menu folds under its "Chuyên mục" button on phones (the CSS shows the button there only).
  var nav = document.querySelector("[data-main-nav]");
  var toggle = nav && nav.querySelector(".main-nav__toggle");
  if (toggle) {
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("main-nav--open", open);
    };
    nav.classList.add("main-nav--enhanced");
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true" && toggle.offsetParent) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // A form sent back with errors: focus its error summary, so keyboard and screen-reader users start
  // there (its links lead to the fields), as on a page that checked the form before sending.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
})();
