/* "Snel weg" (quick exit), issue #12. Without this script the button is a plain link to a
   neutral site. With it: the page is blanked at once, the current history entry is replaced
   (Back does not return here), and three presses of Shift within two seconds do the same, as
   GOV.UK's "Exit this page" component does. */
(function () {
  "use strict";
  var button = document.querySelector("[data-quick-exit]");
  if (!button) {
    return;
  }
  var target = button.getAttribute("href");
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.title = "";
    document.body.style.visibility = "hidden";
    window.location.replace(target);
  }
  button.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = [];
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) {
      leave();
    }
  });
})();
