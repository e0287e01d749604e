/* ConfirmLoop — built-in calendar page. */
(function () {
  'use strict';
  var h = CL.h, api = CL.api;
  var $ = function (id) { return document.getElementById(id); };
  var calendars = [], cal = null, poller = null;
  var sig = { events: null, appts: null }, openLogs = {}, logSig = {};

  function zone() { return cal && cal.timeZone; }

  /** "2026-11-22T10:00": tomorrow at 10:00 on the calendar's wall clock. */
  function tomorrowAtTen(z) {
    var t = new Date(Date.now() + 86400000), day;
    try { day = t.toLocaleDateString('en-CA', { timeZone: z }); } catch (e) { day = t.toISOString().slice(0, 10); }
    return day + 'T10:00';
  }

  /** A wall-clock time ("2026-11-22T10:00") plus minutes, on the same wall clock. */
  function plusMinutes(local, mins) {
    var d = new Date(local + ':00Z');
    return new Date(d.getTime() + mins * 60000).toISOString().slice(0, 16);
  }

  /** Show what an action did (or null to hide). */
  function done(text) {
    $('done').textContent = text || '';
    $('done').hidden = !text;
  }
  function enc(v) { return encodeURIComponent(v); }
  function calPath(suffix) { return '/api/calendars/' + enc(cal.id) + (suffix || ''); }

  // ---- calendars -----------------------------------------------------------------------
  function loadCalendars() {
    return api('/api/calendars').then(function (list) {
      calendars = (list || []).filter(function (c) { return String(c.provider).toLowerCase() === 'internal'; });
      var sel = $('calendar-select');
      sel.replaceChildren();
      if (!calendars.length) {
        sel.appendChild(h('option', { value: '' }, 'No built-in calendar'));
        sel.disabled = true;
        $('calendar-info').replaceChildren('There is no built-in calendar yet. ',
          h('button', { id: 'create-calendar', type: 'button', class: 'small', onclick: createCalendar }, 'Create one'));
        return;
      }
      sel.disabled = false;
      calendars.forEach(function (c) { sel.appendChild(h('option', { value: c.id }, c.name || ('Calendar ' + c.id))); });
      var wanted = new URLSearchParams(location.search).get('calendar') || localStorage.getItem('cl.calendar');
      var pick = calendars.filter(function (c) { return String(c.id) === String(wanted); })[0] || calendars[0];
      sel.value = pick.id;
      choose(pick);
    });
  }

  function createCalendar() {
    api('/api/calendars', { method: 'POST', body: { name: 'Built-in calendar', provider: 'internal', timeZone: CL.localZone() } })
      .then(loadCalendars).catch(CL.showError);
  }

  /** The account's default event duration (GET /api/booking/settings) fills the new-event form. */
  var defaultMinutes = null;
  function loadEventDefaults(c) {
    return api('/api/booking/settings?ownerGroup=' + enc(c.ownerGroup)).then(function (s) {
      defaultMinutes = s.defaultDurationMinutes;
      $('event-duration').value = defaultMinutes;
    }).catch(CL.showError);
  }

  function choose(c) {
    cal = c;
    loadEventDefaults(c);
    try { localStorage.setItem('cl.calendar', c.id); } catch (e) { /* ignore */ }
    sig = { events: null, appts: null }; openLogs = {}; logSig = {};
    $('calendar-info').textContent = [
      'Time zone: ' + (c.timeZone || '?'),
      c.businessName ? 'Business: ' + c.businessName : null,
      c.notificationEmail ? 'Notifications to ' + c.notificationEmail : null,
      c.active === false ? 'Not active: nothing is sent' : 'Active'
    ].filter(Boolean).join(' · ');
    $('calendar-view').hidden = false;
    $('zone-label').textContent = '(calendar time, ' + (c.timeZone || '?') + ')';
    $('event-start').value = tomorrowAtTen(c.timeZone);
    $('sync-now').disabled = false;
    $('events').replaceChildren(h('li', { class: 'empty' }, 'Loading…'));
    $('appointments').replaceChildren();
    if (poller) poller.refresh(); else poller = CL.poll(refresh, 5000);
  }

  function refresh() {
    if (!cal) return Promise.resolve();
    var id = cal.id;
    return Promise.all([
      api(calPath('/events')),
      api('/api/appointments?calendarId=' + enc(id)),
      api(calPath('/sync-status'))
    ]).then(function (r) {
      if (!cal || cal.id !== id) return;
      renderEvents(r[0] || []);
      renderAppointments(r[1] || []);
      renderSyncStatus(r[2] || {});
      return Promise.all(Object.keys(openLogs).map(loadLog));
    });
  }

  // ---- sync status ---------------------------------------------------------------------
  var lastSyncNote = null;

  /** Last synced, last error, changes still being taken in, and changes that keep failing. */
  function renderSyncStatus(st) {
    var parts = [];
    if (lastSyncNote) parts.push(lastSyncNote);
    parts.push(st.lastSyncedAt ? 'Last synced ' + CL.fmtTime(st.lastSyncedAt) : 'Not synced yet');
    if (st.changesWaiting) parts.push(st.changesWaiting + (st.changesWaiting === 1 ? ' change' : ' changes') + ' being taken in');
    if (st.lastError) parts.push('Last error (' + CL.fmtTime(st.lastErrorAt) + '): ' + st.lastError);
    var el = $('sync-status');
    el.replaceChildren(parts.join(' · '));
    (st.failedEvents || []).forEach(function (f) {
      el.appendChild(h('div', { class: 'error-text' }, 'Not taken in: ' + (f.title || f.eventId) + ' — ' + f.error
        + ' (' + f.failures + (f.failures === 1 ? ' time' : ' times') + ', tried again automatically)'));
    });
  }

  // ---- events --------------------------------------------------------------------------
  function renderEvents(events) {
    events.sort(function (a, b) { return Date.parse(a.start) - Date.parse(b.start); });
    var s = JSON.stringify([zone(), events]);
    if (s === sig.events) return;
    sig.events = s;
    var ul = $('events');
    ul.replaceChildren();
    if (!events.length) ul.appendChild(h('li', { class: 'empty' }, 'No events yet.'));
    events.forEach(function (ev) {
      ul.appendChild(h('li', { class: 'event', dataset: { id: ev.id } },
        h('div', { class: 'item-head' },
          h('span', { class: 'item-title' }, ev.title || '(no title)'),
          h('span', { class: 'muted' }, when(ev))),
        ev.location ? h('div', { class: 'muted' }, 'Location: ' + ev.location) : null,
        ev.description ? h('div', { class: 'muted', style: 'white-space:pre-wrap' }, ev.description) : null,
        ev.notAnAppointment ? h('div', { class: 'not-appointment' }, 'Not an appointment: ' + ev.notAnAppointment.reason +
          '. To fix: ' + ev.notAnAppointment.fix + '.') : null,
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary small move-event', onclick: function () { moveEvent(ev); } }, 'Move'),
          h('button', { type: 'button', class: 'danger small delete-event', onclick: function () { deleteEvent(ev); } }, 'Delete'))));
    });
  }

  /** "Nov 22, 2026, 9:00 AM – 9:30 AM (Europe/Berlin)", in the calendar's zone. */
  function when(ev) {
    var z = zone(), o = z ? { timeZone: z } : {};
    try {
      var s = new Date(ev.start), e = new Date(ev.end);
      var first = s.toLocaleString(undefined, Object.assign({ dateStyle: 'medium', timeStyle: 'short' }, o));
      var last = s.toLocaleDateString(undefined, o) === e.toLocaleDateString(undefined, o)
        ? e.toLocaleTimeString(undefined, Object.assign({ timeStyle: 'short' }, o))
        : e.toLocaleString(undefined, Object.assign({ dateStyle: 'medium', timeStyle: 'short' }, o));
      return first + ' – ' + last + (z ? ' (' + z + ')' : '');
    } catch (err) {
      return CL.fmtTime(ev.start) + ' – ' + CL.fmtTime(ev.end);
    }
  }

  function addEvent(e) {
    e.preventDefault();
    var startVal = $('event-start').value, mins = parseInt($('event-duration').value, 10);
    if (!$('event-title').value.trim()) { CL.showError('Give the event a title.'); $('event-title').focus(); return; }
    if (!startVal) { CL.showError('Choose a start date and time.'); $('event-start').focus(); return; }
    if (!(mins > 0)) { CL.showError('The duration must be at least 1 minute.'); $('event-duration').focus(); return; }
    // wall-clock times: the server reads them in the calendar's zone
    var body = {
      title: $('event-title').value.trim(),
      description: $('event-description').value,
      location: $('event-location').value.trim(),
      start: startVal.slice(0, 16),
      end: plusMinutes(startVal.slice(0, 16), mins)
    };
    $('event-add').disabled = true;
    done(null);
    api(calPath('/events'), { method: 'POST', body: body }).then(function (ev) {
      CL.showError(null);
      done('Added "' + ev.title + '" for ' + when(ev) + '.' + (ev.notAnAppointment
        ? ' It is not an appointment: ' + ev.notAnAppointment.reason + '.' : ' Its appointment follows in a moment.'));
      $('event-title').value = ''; $('event-location').value = ''; $('event-description').value = '';
      if (defaultMinutes) $('event-duration').value = defaultMinutes;
      return poller.refresh();
    }).catch(CL.showError).finally(function () { $('event-add').disabled = false; });
  }

  function deleteEvent(ev) {
    if (!confirm('Delete "' + (ev.title || 'event') + '"?')) return;
    api(calPath('/events/' + enc(ev.id)), { method: 'DELETE' })
      .then(function () { CL.showError(null); done('Deleted "' + (ev.title || 'event') + '".'); return poller.refresh(); })
      .catch(CL.showError);
  }

  function moveEvent(ev) {
    var dur = Date.parse(ev.end) - Date.parse(ev.start);
    var answer = prompt('New start, in the calendar\'s time (' + zone() + '), as YYYY-MM-DD HH:MM',
      ev.localStart.slice(0, 16).replace('T', ' '));
    if (answer === null) return;
    var m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})\s*$/.exec(answer);
    if (!m) { CL.showError('Could not read "' + answer + '". Use YYYY-MM-DD HH:MM, e.g. 2026-11-22 09:30.'); return; }
    function two(v) { return (+v < 10 ? '0' : '') + (+v); }
    var local = m[1] + '-' + two(m[2]) + '-' + two(m[3]) + 'T' + two(m[4]) + ':' + m[5];
    if (isNaN(new Date(local + ':00Z').getTime())) { CL.showError('That is not a valid date.'); return; }
    var body = Object.assign({}, ev, {
      start: local,
      end: plusMinutes(local, Math.round((dur > 0 ? dur : (defaultMinutes || 1) * 60000) / 60000))
    });
    api(calPath('/events/' + enc(ev.id)), { method: 'PUT', body: body })
      .then(function (moved) { CL.showError(null); done('Moved "' + (moved.title || 'event') + '" to ' + when(moved) + '.'); return poller.refresh(); })
      .catch(CL.showError);
  }

  // ---- appointments --------------------------------------------------------------------
  function renderAppointments(list) {
    list.sort(function (a, b) { return Date.parse(a.start) - Date.parse(b.start); });
    var s = JSON.stringify([zone(), list]);
    if (s === sig.appts) return;
    sig.appts = s;
    logSig = {};
    var ul = $('appointments');
    ul.replaceChildren();
    if (!list.length) ul.appendChild(h('li', { class: 'empty' }, 'No appointments found yet.'));
    list.forEach(function (a) {
      var open = !!openLogs[a.id];
      ul.appendChild(h('li', { class: 'appt', dataset: { id: a.id } },
        h('div', { class: 'item-head' },
          h('span', { class: 'item-title' }, a.title || '(no title)', ' ', CL.badge(a.status)),
          h('span', { class: 'muted' }, when(a))),
        h('div', { class: 'attendees' }, (a.attendees || []).map(function (t) {
          return h('span', { class: 'attendee', dataset: { phone: t.phone || '' } },
            t.phone ? h('a', { href: '/clients#' + t.phone, title: 'The client: messages, switches, why a text did not arrive' }, t.phone)
              : (t.email || '?'), (t.phone && t.email ? ' · ' + t.email : '') + ' ', CL.badge(t.status));
        })),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary small log-toggle', 'aria-expanded': String(open),
            'aria-controls': 'log-' + a.id, onclick: function (e) { toggleLog(a.id, e.currentTarget); } },
            open ? 'Hide log' : 'Show log')),
        h('div', { class: 'log', id: 'log-' + a.id, hidden: !open })));
    });
  }

  function toggleLog(id, btn) {
    var open = !openLogs[id];
    if (open) openLogs[id] = true; else delete openLogs[id];
    btn.setAttribute('aria-expanded', String(open));
    btn.textContent = open ? 'Hide log' : 'Show log';
    $('log-' + id).hidden = !open;
    if (open) { delete logSig[id]; $('log-' + id).replaceChildren(h('p', { class: 'empty' }, 'Loading…')); loadLog(id).catch(CL.showError); }
  }

  function loadLog(id) {
    return api('/api/appointments/' + enc(id) + '/log').then(function (entries) {
      var box = $('log-' + id);
      if (!box || !openLogs[id]) return;
      var s = JSON.stringify(entries);
      if (s === logSig[id]) return;
      logSig[id] = s;
      entries = entries || [];
      box.replaceChildren(entries.length ? h('ol', { class: 'timeline' }, entries.map(logEntry))
        : h('p', { class: 'empty' }, 'Nothing logged yet.'));
    });
  }

  function logEntry(e) {
    var when = h('span', { class: 'muted' }, CL.fmtTime(e.at, zone()) + ' · ');
    if (e.kind !== 'MESSAGE') return h('li', { class: 'log-entry event' }, when, e.text || '');
    var out = e.direction !== 'IN';
    return h('li', { class: 'log-entry message' }, when,
      h('strong', null, (out ? 'Sent ' : 'Received ') + (e.channel || '')), ' ',
      out ? 'to ' + (e.to || '?') : 'from ' + (e.from || '?'),
      (out && e.from) ? h('span', { class: 'muted' }, ' (from ' + e.from + ')') : null,
      (!out && e.to) ? h('span', { class: 'muted' }, ' (to ' + e.to + ')') : null,
      e.status ? [' ', CL.badge(e.status)] : null,
      e.body ? h('div', { class: 'body' }, e.body) : null,
      e.providerId ? h('div', { class: 'muted' }, 'Provider id: ' + e.providerId) : null);
  }

  // ---- wiring --------------------------------------------------------------------------
  $('calendar-select').addEventListener('change', function (e) {
    var c = calendars.filter(function (x) { return String(x.id) === e.target.value; })[0];
    if (c) choose(c);
  });
  $('sync-now').addEventListener('click', function (e) {
    var btn = e.currentTarget;
    btn.disabled = true;
    api(calPath('/sync'), { method: 'POST' }).then(function (r) {
      CL.showError(null);
      lastSyncNote = r.status === 'SYNCED'
        ? 'Checked every event just now: ' + (r.changesQueued ? r.changesQueued + (r.changesQueued === 1 ? ' change' : ' changes')
          + ' to take in' : 'everything was already taken in')
        : 'Check failed: ' + r.error;
      done(lastSyncNote + '.');
      return poller.refresh();
    })
      .catch(CL.showError).finally(function () { btn.disabled = false; });
  });
  $('event-form').addEventListener('submit', addEvent);

  loadCalendars().catch(function (err) {
    CL.showError(err);
    $('calendar-select').replaceChildren(h('option', { value: '' }, 'Could not load calendars'));
  });
})();
