// Progressive enhancements of the news pages; everything works without this file.
(function () {
  "use strict";

  // An audio file the browser cannot decode: say so and point to the transcript and download.
  document.querySelectorAll("[data-audio-player]").forEach(function (player) {
    var audio = player.querySelector("audio");
    var message = player.querySelector("[data-audio-error]");
    if (!audio || !message) return;
    var show = function () { message.hidden = false; };
    audio.addEventListener("error", show, true);
    var source = audio.querySelector("source");
    if (source) source.addEventListener("error", show);
  });

  // "Copy link": copy to the clipboard when allowed, otherwise the link still opens the page.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-copy-link]");
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    var status = link.closest(".news-share").querySelector("[data-copy-status]");
    navigator.clipboard.writeText(link.href).then(
      function () { if (status) status.textContent = "Đã sao chép liên kết."; },
      function () { window.location.href = link.href; }
    );
  });
})();
