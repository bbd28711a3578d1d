// "Copier" buttons: <button data-copy="ID" data-status="ID" hidden> copies the
// text of the field #ID. Without JavaScript the buttons stay hidden and the
// read-only fields can be selected and copied by hand.
(function () {
  "use strict";

  function copyText(field) {
    var text = field.value !== undefined ? field.value : field.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain-HTTP pages have no clipboard API: copy the selection instead.
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function announce(statusId, message) {
    var status = document.getElementById(statusId);
    if (status) {
      status.textContent = message;
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(field).then(
        function () {
          announce(button.dataset.status, "Copié dans le presse-papiers.");
        },
        function () {
          field.focus();
          field.select();
          announce(button.dataset.status, "Le texte est sélectionné : copiez-le avec Ctrl+C (⌘+C sur Mac).");
        }
      );
    });
  });
})();
