// Keeps a journal entry being typed when another button of the page is pressed first:
// the draft travels with that form and the page shows it again, still to be added.
// Without JavaScript the page works the same, only the unsent draft is not carried.
document.addEventListener("submit", function (event) {
  var draft = document.querySelector("textarea[name=text]");
  var form = event.target;
  if (!draft || !draft.value.trim() || draft.form === form || form.method.toLowerCase() !== "post") {
    return;
  }
  var carried = document.createElement("input");
  carried.type = "hidden";
  carried.name = "draft";
  carried.value = draft.value;
  form.appendChild(carried);
});
