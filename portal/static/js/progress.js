/* Progress of a background job (issue #18, the what-if): asks the page's JSON endpoint every
   second and moves the bar and its text; when the job is finished the page reloads to show the
   result. Without this script the page refreshes itself every 5 seconds (a meta refresh) and
   has a "refresh" link. */
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-progress-url");
  var bar = document.getElementById("voortgang-balk");
  var text = document.getElementById("voortgang-tekst");
  function tick() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (state) {
        bar.value = state.percent;
        bar.textContent = state.percent + "%";
        if (text.textContent !== state.text) {
          text.textContent = state.text;
        }
        if (state.finished) {
          window.location.reload();
        } else {
          window.setTimeout(tick, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(tick, 5000);
      });
  }
  window.setTimeout(tick, 1000);
})();
