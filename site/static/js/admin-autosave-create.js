/* When autosave creates a page in the background while the editor is still filling the new-page form,
   the editor's first save finishes creating it: the form says so to the server (home/editing.py), which
   then reports "created" instead of Wagtail's "updated". */
(function () {
  if (!/\/pages\/add\//.test(window.location.pathname)) return;
  document.addEventListener("w-autosave:success", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.querySelector("input[name='created_by_autosave']")) return;
    var marker = document.createElement("input");
    marker.type = "hidden";
    marker.name = "created_by_autosave";
    marker.value = "1";
    form.appendChild(marker);
  });
})();
