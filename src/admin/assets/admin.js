// The console's only hand-written JS: small conveniences on top of plain forms and htmx.
// Everything works without it (forms post and redirect); no inline scripts (CSP script-src 'self').
(function () {
  'use strict';

  // Ask before destructive actions: <form data-confirm="Really roll back?">.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // "Try the bot": clear the message box after each exchange and keep the newest in view.
  document.addEventListener('htmx:afterRequest', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-reset-on-success')) return;
    if (event.detail && event.detail.successful) {
      var input = form.querySelector('input[name="text"]');
      if (input) { input.value = ''; input.focus(); }
      var chat = document.getElementById('chat');
      if (chat && chat.lastElementChild) chat.lastElementChild.scrollIntoView({ block: 'end' });
    }
  });

  // A session that expired mid-edit: htmx gets 401 + HX-Redirect, which htmx follows itself.
})();
