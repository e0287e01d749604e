/* ConfirmLoop — the account's communication settings: each kind of message, by text and by email. */
(function () {
  'use strict';
  var h = CL.h;
  var KINDS = [
    ['reminders', 'Confirmation requests and reminders'],
    ['acknowledgements', 'Acknowledgements (confirmed, declined, booked, help)'],
    ['newTimeNotices', 'New-time notices (new time, moved slot, times to choose, cancellation)'],
    ['ownerNotifications', 'Notifications to you (by email)']
  ];
  var group = null;

  function render(settings) {
    group = settings.ownerGroup;
    document.getElementById('account').textContent = 'Account: ' + group;
    var body = document.getElementById('switches');
    body.replaceChildren.apply(body, KINDS.map(function (k) {
      function box(channel) {
        var id = channel + '-' + k[0];
        return h('td', null, h('input', { id: id, type: 'checkbox', checked: settings[channel][k[0]],
          'aria-label': k[1] + ' by ' + (channel === 'texts' ? 'text' : 'email'), dataset: { channel: channel, kind: k[0] } }));
      }
      return h('tr', null, h('th', { scope: 'row' }, k[1]), box('texts'), box('emails'));
    }));
    document.getElementById('save').disabled = false;
  }

  function load() {
    return CL.api('/api/settings/communication').then(render).catch(CL.showError);
  }

  document.getElementById('settings-form').addEventListener('submit', function (e) {
    e.preventDefault();
    CL.showError(null);
    var body = { texts: {}, emails: {} };
    document.querySelectorAll('#switches input[type=checkbox]').forEach(function (input) {
      body[input.dataset.channel][input.dataset.kind] = input.checked;
    });
    var done = document.getElementById('done');
    done.hidden = true;
    CL.api('/api/settings/communication?ownerGroup=' + encodeURIComponent(group), { method: 'PUT', body: body }).then(function (saved) {
      render(saved);
      var off = [];
      KINDS.forEach(function (k) {
        if (!saved.texts[k[0]]) off.push(k[1].split(' (')[0].toLowerCase() + ' by text');
        if (!saved.emails[k[0]]) off.push(k[1].split(' (')[0].toLowerCase() + ' by email');
      });
      done.textContent = 'Saved. ' + (off.length ? 'Switched off: ' + off.join(', ') + '.' : 'Every message is switched on.');
      done.hidden = false;
    }).catch(CL.showError);
  });
  load();
})();
