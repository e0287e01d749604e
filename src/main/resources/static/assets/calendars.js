/* ConfirmLoop — the owner's calendars with their last sync and last error. */
(function () {
  'use strict';
  var h = CL.h;
  var NAMES = { internal: 'Built-in', ews: 'Exchange', graph: 'Microsoft 365', google: 'Google Calendar', clio: 'Clio' };

  CL.api('/api/calendars').then(function (calendars) {
    var ul = document.getElementById('calendars');
    if (!calendars.length) { ul.replaceChildren(h('li', { class: 'empty' }, 'No calendar yet: connect one in Tasklist.')); return; }
    return Promise.all(calendars.map(function (c) {
      return CL.api('/api/calendars/' + encodeURIComponent(c.id) + '/sync-status').then(function (st) { return [c, st]; });
    })).then(function (pairs) {
      ul.replaceChildren.apply(ul, pairs.map(function (p) {
        var c = p[0], st = p[1], provider = String(c.provider).toLowerCase();
        return h('li', { class: 'calendar', dataset: { id: c.id } },
          h('div', { class: 'item-head' }, h('span', { class: 'item-title' }, c.name), CL.badge(c.active === false ? 'SWITCHED_OFF' : 'ACTIVE')),
          h('div', { class: 'muted' }, (NAMES[provider] || provider) + ' · ' + c.timeZone +
            (c.notificationEmail ? ' · notifications to ' + c.notificationEmail : '')),
          h('div', { class: 'last-synced' }, st.lastSyncedAt ? 'Last synced ' + CL.fmtTime(st.lastSyncedAt, c.timeZone)
            : provider === 'internal' ? 'Edits are taken in as they are made' : 'Not synced yet'),
          st.lastError ? h('div', { class: 'last-error not-appointment' }, 'Last error ' + CL.fmtTime(st.lastErrorAt, c.timeZone) + ': ' +
            st.lastError) : null,
          h('div', { class: 'actions' },
            h('a', { class: 'button secondary small', href: '/appointments?calendar=' + encodeURIComponent(c.id) }, 'Appointments'),
            provider === 'internal' ? h('a', { class: 'button secondary small', href: '/calendar?calendar=' + encodeURIComponent(c.id) }, 'Events') : null));
      }));
    });
  }).catch(CL.showError);
})();
