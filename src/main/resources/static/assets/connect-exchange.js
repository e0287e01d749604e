/* ConfirmLoop — the Exchange sign-in page: credentials are checked with the server, then kept (encrypted). */
(function () {
  'use strict';
  var CL = window.CL;
  var calendarId = new URLSearchParams(location.search).get('calendar');
  var form = document.getElementById('exchange-form');
  var done = document.getElementById('done');

  if (!calendarId) {
    CL.showError('This page needs a calendar: open it from the "Sign in" task in Tasklist.');
    form.hidden = true;
    return;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    CL.showError(null);
    done.hidden = true;
    var value = function (id) { return document.getElementById(id).value.trim(); };
    var missing = ['email', 'username'].filter(function (id) { return !value(id); });
    if (!document.getElementById('password').value) missing.push('password');
    if (missing.length) {
      CL.showError('Please fill in: ' + missing.join(', ') + '.');
      return;
    }
    var connection = {
      email: value('email'),
      username: value('username'),
      password: document.getElementById('password').value,
      authType: document.getElementById('authType').value
    };
    if (value('serverUrl')) connection.serverUrl = value('serverUrl');
    var button = document.getElementById('connect');
    button.disabled = true;
    button.textContent = 'Connecting…';
    CL.api('/api/calendars/' + encodeURIComponent(calendarId) + '/connection', { method: 'PUT', body: connection })
      .then(function (answer) {
        document.getElementById('password').value = '';
        done.textContent = 'Connected: Exchange lists ' + answer.calendars.length + ' calendar(s). Return to Tasklist to choose one.';
        done.hidden = false;
      }, function (err) {
        CL.showError(err);
        if (err.code === 'PROVIDER_UNAVAILABLE' || err.code === 'CONNECTION_FAILED') {
          document.getElementById('manual').open = true;
        }
      })
      .then(function () {
        button.disabled = false;
        button.textContent = 'Connect';
      });
  });
}());
