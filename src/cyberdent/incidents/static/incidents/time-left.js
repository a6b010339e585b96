// Keeps the deadline cards' "time left" true without a reload. Every 30 seconds, each element
// carrying data-deadline (ISO 8601, UTC) says data-before + the time to its deadline, or since
// it (data-since), + data-after, the duration in the server's words: the rules of
// format_duration in cyberdent/domain/incident/clocks.py ("2 jours 5 h 07 min", "42 min").
// A countdown reaching zero turns its card overdue and asks for a reload, which says what to do.
// Without JavaScript nothing changes: the page's "Mettre à jour" button or a reload does it.
(function () {
  "use strict";
  var MINUTE = 60 * 1000;
  var SOON = 12 * 60 * MINUTE;

  function formatDuration(ms) {
    var minutes = Math.floor(Math.abs(ms) / MINUTE);
    var days = Math.floor(minutes / (24 * 60));
    var rest = minutes - days * 24 * 60;
    var hours = Math.floor(rest / 60);
    var mins = rest - hours * 60;
    var parts = [];
    if (days) {
      parts.push(days + " jour" + (days > 1 ? "s" : ""));
    }
    if (days || hours) {
      parts.push(hours + " h");
      parts.push((mins < 10 ? "0" : "") + mins + " min");
    } else {
      parts.push(mins + " min");
    }
    return parts.join(" ");
  }

  function setStatus(card, label, from, to) {
    var status = card.querySelector(".deadline-status strong");
    if (status && label) {
      status.textContent = label;
    }
    card.classList.remove(from);
    card.classList.add(to);
  }

  function update() {
    var now = Date.now();
    document.querySelectorAll("[data-deadline]").forEach(function (element) {
      var deadline = Date.parse(element.getAttribute("data-deadline"));
      if (isNaN(deadline)) {
        return;
      }
      var card = element.closest(".deadline");
      function say(duration) {
        element.textContent =
          (element.getAttribute("data-before") || "") + duration + (element.getAttribute("data-after") || "");
      }
      if (element.hasAttribute("data-since")) {
        say(formatDuration(now - deadline));
        return;
      }
      var left = deadline - now;
      if (left <= 0) {
        element.removeAttribute("data-deadline");
        if (element.getAttribute("data-passed")) {
          element.textContent = element.getAttribute("data-passed");
        }
        if (card) {
          setStatus(card, card.getAttribute("data-overdue-label"), "deadline-soon", "deadline-overdue");
          card.classList.remove("deadline-ok");
        }
        return;
      }
      if (left < SOON && card && card.classList.contains("deadline-ok")) {
        setStatus(card, card.getAttribute("data-soon-label"), "deadline-ok", "deadline-soon");
      }
      say(formatDuration(left));
    });
  }

  update();
  window.setInterval(update, 30 * 1000);
  // A page shown again from the back-forward cache: bring it up to date at once.
  window.addEventListener("pageshow", update);
})();
