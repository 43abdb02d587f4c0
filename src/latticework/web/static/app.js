// Progressive enhancement only: every page works without this file.
// Impact form: refresh the statement preview as the person types, through the JSON API.
(function () {
  "use strict";
  var form = document.querySelector("form[data-preview-url]");
  if (!form) { return; }
  var target = document.getElementById("statement-preview");
  var token = form.querySelector("input[name=csrf_token]");
  var timer = null;
  function refresh() {
    var data = new FormData(form);
    data.delete("csrf_token");
    var body = {};
    data.forEach(function (value, key) { if (value !== "") { body[key] = value; } });
    fetch(form.getAttribute("data-preview-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token ? token.value : "" },
      body: JSON.stringify(body)
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (result) {
      if (result && target) { target.textContent = result.statement; }
    }).catch(function () { /* the Preview button still works */ });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
})();
