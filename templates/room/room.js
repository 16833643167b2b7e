// Room phone pages, with JavaScript on: every 3 s ask the room which generation of the
// facilitator's pacing is on (a number, nothing else) and load the question page when it is no
// longer the one this page was drawn for, so a phone follows the facilitator without a tap.
// Never while the person has typed or ticked something not yet sent: then a notice asks them to
// send it first. Without JavaScript the pages work as before (the question route shows the paced
// part first; waiting and thank-you pages refresh themselves).
(function () {
  "use strict";
  var meta = document.querySelector("meta[name='hero-pace']");
  if (!meta || !window.fetch) {
    return;
  }
  var drawnFor = meta.getAttribute("content");
  var look = meta.getAttribute("data-look");
  var go = meta.getAttribute("data-go");

  function unsent() {
    var fields = document.querySelectorAll("input, textarea");
    for (var i = 0; i < fields.length; i += 1) {
      var field = fields[i];
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked !== field.defaultChecked) {
          return true;
        }
      } else if (field.type !== "hidden" && field.value !== field.defaultValue) {
        return true;
      }
    }
    return false;
  }

  function ask() {
    fetch(look, { cache: "no-store", credentials: "same-origin" })
      .then(function (reply) {
        return reply.ok ? reply.text() : null;
      })
      .then(function (now) {
        if (now === null || now.trim() === drawnFor) {
          return;
        }
        if (unsent()) {
          var notice = document.getElementById("pace-notice");
          if (notice) {
            notice.hidden = false;
          }
          return;
        }
        window.location.replace(go);
      })
      .catch(function () {
        // The Wi-Fi dropped for a moment: ask again next time.
      })
      .then(function () {
        window.setTimeout(ask, 3000);
      });
  }

  window.setTimeout(ask, 3000);
})();
