/* ConfirmLoop — clients: find one, see why texts did or did not reach them, switch what they receive. */
(function () {
  'use strict';
  var h = CL.h;

  function enc(phone) { return encodeURIComponent(phone); }

  function notice(text) {
    var box = document.getElementById('done');
    box.textContent = text;
    box.hidden = !text;
  }

  function search(q) {
    CL.showError(null);
    notice('');
    return CL.api('/api/clients?q=' + encodeURIComponent(q)).then(function (clients) {
      var list = document.getElementById('results');
      document.getElementById('results-card').hidden = false;
      if (!clients.length) {
        list.replaceChildren(h('li', { class: 'empty' }, 'No client of your calendars matches "' + q + '".'));
        return;
      }
      list.replaceChildren.apply(list, clients.map(function (c) {
        return h('li', null,
          h('div', { class: 'item-head' },
            h('a', { href: '#' + c.phone, class: 'client-link', dataset: { phone: c.phone }, onclick: function (e) {
              e.preventDefault(); open(c.phone);
            } }, (c.name || c.displayPhone) + ' · ' + c.displayPhone),
            c.smsOptedOut ? CL.badge('OPTED_OUT') : null),
          h('div', { class: 'hint' }, (c.email ? c.email + ' · ' : '') + 'latest appointment ' +
            CL.fmtTime(c.latestAppointment.start, c.latestAppointment.timeZone) + ' — ' + c.latestAppointment.title));
      }));
      if (clients.length === 1) return open(clients[0].phone);
    }).catch(CL.showError);
  }

  function open(phone) {
    CL.showError(null);
    history.replaceState(null, '', '#' + phone);
    return Promise.all([
      CL.api('/api/clients/' + enc(phone) + '/troubleshooting'),
      CL.api('/api/clients/' + enc(phone) + '/log')
    ]).then(function (answers) {
      var help = answers[0], log = answers[1];
      document.getElementById('client').hidden = false;
      document.getElementById('client-h').textContent = help.displayPhone;
      var out = document.getElementById('opted-out');
      out.hidden = !help.optedOut;
      out.textContent = help.optedOut ? 'Opted out of texts' + (help.optedOutVia ? ': the client texted STOP to ' + help.optedOutVia +
        '. To receive texts again, they text START to ' + help.optedOutVia + '.' : '.') : '';
      document.getElementById('summary').textContent = help.summary;
      var blockers = document.getElementById('blockers');
      blockers.replaceChildren.apply(blockers, help.blockers.map(function (b) { return h('li', null, b); }));
      document.getElementById('next-text').textContent = help.nextText ? 'Next text: ' + help.nextText.text : '';
      renderSwitches(phone, log.switches || []);
      renderLog(log);
    }).catch(CL.showError);
  }

  function renderSwitches(phone, switches) {
    var box = document.getElementById('switches');
    box.replaceChildren.apply(box, switches.map(function (s) {
      function toggle(key, label) {
        var id = 'sw-' + s.ownerGroup + '-' + key;
        return h('label', { for: id, class: 'row nowrap' },
          h('input', { id: id, type: 'checkbox', checked: s[key], dataset: { key: key }, onchange: function (e) {
            var body = {}; body[key] = e.target.checked;
            CL.api('/api/clients/' + enc(phone) + '/settings?ownerGroup=' + encodeURIComponent(s.ownerGroup), { method: 'PUT', body: body })
              .then(function (saved) {
                notice('Saved: ' + label.toLowerCase() + ' ' + (saved[key] ? 'on' : 'off') + ' for ' + phone + '.');
                return open(phone);
              }).catch(function (err) { e.target.checked = !e.target.checked; CL.showError(err); });
          } }), label);
      }
      return h('div', { class: 'field' }, h('strong', null, s.ownerGroup),
        toggle('canReceiveTexts', 'Can receive texts'), toggle('canReceiveEmails', 'Can receive emails'));
    }));
  }

  function renderLog(log) {
    var entries = [];
    (log.messages || []).forEach(function (m) {
      entries.push({ at: m.at, node: h('li', { class: 'message', dataset: { status: m.status } },
        h('div', null, (m.direction === 'IN' ? 'From the client' : 'To the client') + ' by ' + (m.channel === 'SMS' ? 'text' : 'email') +
          ' · ', CL.badge(m.status), ' ', h('span', { class: 'hint' }, CL.fmtTime(m.at, m.timeZone))),
        h('div', { class: 'body' }, m.body),
        m.errorMessage || m.errorCode ? h('div', { class: 'hint reason' },
          (m.errorCode ? 'Error ' + m.errorCode + (m.errorMessage ? ': ' : '') : '') + (m.errorMessage || '')) : null) });
    });
    (log.changes || []).forEach(function (c) {
      entries.push({ at: c.at, node: h('li', { class: 'change' }, h('div', null, c.text),
        h('div', { class: 'hint' }, CL.fmtTime(c.at) + (c.by ? ' · by ' + c.by : ''))) });
    });
    entries.sort(function (a, b) { return new Date(a.at) - new Date(b.at); });
    var list = document.getElementById('client-log');
    if (!entries.length) {
      list.replaceChildren(h('li', { class: 'empty' }, 'Nothing yet.'));
      return;
    }
    list.replaceChildren.apply(list, entries.map(function (e) { return e.node; }));
  }

  document.getElementById('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var q = document.getElementById('q').value.trim();
    if (q.length < 2) { CL.showError('Type at least 2 characters of a name, number or email.'); return; }
    search(q);
  });
  var params = new URLSearchParams(location.search);
  if (params.get('q')) {
    document.getElementById('q').value = params.get('q');
    search(params.get('q'));
  } else if (location.hash.length > 2) {
    open(decodeURIComponent(location.hash.slice(1)));
  }
})();
