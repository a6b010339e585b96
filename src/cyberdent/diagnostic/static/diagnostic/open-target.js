// A link to one action of the plan (#id) opens that action's « Comment faire » steps.
// Without JavaScript the action is still reached; its steps are one tap away.
(function () {
  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var how = target && target.querySelector("details.how");
    if (how) how.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
