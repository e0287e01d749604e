/* ConfirmLoop — appointments of the owner's calendars, filtered by calendar, dates and status, with their logs. */
(function () {
  'use strict';
  var h = CL.h;
  var $ = function (id) { return document.getElementById(id); };
  var zones = {};

  function day(offsetDays) {
    return new Date(Date.now() + offsetDays * 86400000).toISOString().slice(0, 10);
  }

  function show() {
    CL.showError(null);
    var from = $('from').value, to = $('to').value;
    if (!from || !to || to < from) { CL.showError('Choose a period: "To" on or after "From".'); return Promise.resolve(); }
    var q = '?from=' + from + 'T00:00:00Z&to=' + to + 'T23:59:59Z' + ($('calendar').value ? '&calendarId=' + encodeURIComponent($('calendar').value) : '') +
      ($('status').value ? '&status=' + $('status').value : '');
    return CL.api('/api/appointments' + q).then(function (list) {
      list.sort(function (a, b) { return Date.parse(a.start) - Date.parse(b.start); });
      $('count').textContent = list.length + (list.length === 1 ? ' appointment' : ' appointments') + ' from ' + from + ' to ' + to + '.';
      var ul = $('appointments');
      if (!list.length) { ul.replaceChildren(h('li', { class: 'empty' }, 'No appointment matches.')); return; }
      ul.replaceChildren.apply(ul, list.map(item));
    }).catch(CL.showError);
  }

  function item(a) {
    var logList = h('ul', { class: 'timeline', hidden: true });
    return h('li', { class: 'appointment', dataset: { id: a.id } },
      h('div', { class: 'item-head' }, h('span', { class: 'item-title' }, a.title), CL.badge(a.status)),
      h('div', { class: 'muted' }, CL.fmtTime(a.start, a.timeZone) + (zones[a.calendarId] ? ' · ' + zones[a.calendarId] : '')),
      h('ul', { class: 'attendees' }, a.attendees.map(function (t) {
        return h('li', null, h('a', { href: '/clients#' + t.phone }, t.phone), ' ', CL.badge(t.status));
      })),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary small open-log', onclick: function (e) {
        if (!logList.hidden) { logList.hidden = true; e.target.textContent = 'Log'; return; }
        CL.api('/api/appointments/' + encodeURIComponent(a.id) + '/log').then(function (entries) {
          logList.replaceChildren.apply(logList, entries.map(function (en) { return entry(en, a.timeZone); }));
          logList.hidden = false;
          e.target.textContent = 'Hide log';
        }).catch(CL.showError);
      } }, 'Log')),
      logList);
  }

  function entry(e, zone) {
    if (e.kind === 'MESSAGE') {
      var history = (e.statusHistory || []).map(function (s) { return s.status.toLowerCase() + ' ' + CL.fmtTime(s.at, zone); }).join(' → ');
      return h('li', { class: 'message' },
        h('div', null, (e.direction === 'IN' ? 'From ' : 'To ') + (e.direction === 'IN' ? e.from : e.to) + ' by ' +
          (e.channel === 'SMS' ? 'text' : 'email') + ' ', CL.badge(e.status)),
        h('div', { class: 'body' }, e.subject || e.body),
        history ? h('div', { class: 'hint' }, history) : null,
        e.errorCode || e.errorMessage ? h('div', { class: 'hint reason' }, (e.errorCode ? 'Error ' + e.errorCode + ': ' : '') +
          (e.errorMeaning || e.errorMessage || '')) : null);
    }
    return h('li', null, h('div', null, e.text), h('div', { class: 'hint' }, CL.fmtTime(e.at, zone) + (e.phone ? ' · ' + e.phone : '')));
  }

  CL.api('/api/calendars').then(function (calendars) {
    calendars.forEach(function (c) {
      zones[c.id] = c.name;
      $('calendar').appendChild(h('option', { value: c.id }, c.name + ' (' + c.timeZone + ')'));
    });
    var params = new URLSearchParams(location.search);
    if (params.get('calendar')) $('calendar').value = params.get('calendar');
    $('from').value = params.get('from') || day(-1);
    $('to').value = params.get('to') || day(30);
    if (params.get('status')) $('status').value = params.get('status');
    return show();
  }).catch(CL.showError);
  $('filters').addEventListener('submit', function (e) { e.preventDefault(); show(); });
})();
