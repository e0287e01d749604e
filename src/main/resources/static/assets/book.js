/* ConfirmLoop — the client's booking page /book/{calendarId}: pick a free time, give name and phone, book. */
(function () {
  'use strict';
  var CL = window.CL, h = CL.h;
  var calendarId = decodeURIComponent(location.pathname.split('/')[2] || '');
  var base = '/api/booking/' + encodeURIComponent(calendarId);
  var page = null;   // the calendar's booking page: {businessName, timeZone, durationMinutes, daysToView, eventRequestsEnabled}
  var chosen = null; // the slot picked: {start, end}
  // refusals after which the shown times may be out of date: the page reads them again
  var RELOAD = ['SLOT_TAKEN', 'NOT_A_SLOT', 'TOO_SOON', 'TOO_FAR', 'BOOKING_OFF'];
  var FIELD = { INVALID_NAME: 'name', INVALID_PHONE: 'phone', INVALID_EMAIL: 'email' };

  function el(id) { return document.getElementById(id); }
  function value(id) { return el(id).value.trim(); }

  /** A date-time in the calendar's zone, written the same way whatever the browser's language. */
  function format(iso, opts) {
    var d = typeof iso === 'string' ? new Date(iso) : iso;
    try { return new Intl.DateTimeFormat('en-GB', Object.assign({ timeZone: page.timeZone }, opts)).format(d); }
    catch (e) { return new Intl.DateTimeFormat('en-GB', opts).format(d); }
  }
  function day(iso) { return format(iso, { weekday: 'long', day: 'numeric', month: 'long' }); }
  function time(iso) { return format(iso, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }); }
  function when(slot) { return day(slot.start) + ', ' + time(slot.start) + '–' + time(slot.end); }
  function zoneName(at) {
    try {
      var parts = new Intl.DateTimeFormat('en-GB', { timeZone: page.timeZone, timeZoneName: 'long' }).formatToParts(at);
      var name = parts.filter(function (p) { return p.type === 'timeZoneName'; })[0];
      return name ? name.value + ' (' + page.timeZone + ')' : page.timeZone;
    } catch (e) { return page.timeZone; }
  }

  /** The answer to the client's last step, in the live region; kind 'ok', 'refused' or null to clear it. */
  function say(kind, lines) {
    var box = el('result');
    box.className = kind ? 'result result-' + kind : '';
    box.replaceChildren.apply(box, (lines || []).map(function (line) { return h('p', null, line); }));
  }

  function start() {
    if (!calendarId) return unknown();
    CL.api(base).then(function (info) {
      page = info;
      el('business').textContent = info.businessName;
      document.title = 'Book with ' + info.businessName;
      if (!info.eventRequestsEnabled) {
        el('intro').textContent = info.businessName + ' is not taking bookings online at the moment. Please contact them directly.';
        return;
      }
      el('intro').textContent = 'Choose a free time, then tell us your name and mobile number. An appointment lasts '
        + info.durationMinutes + ' minutes.';
      return loadSlots();
    }, function (err) {
      if (err.status === 404) return unknown();
      el('intro').textContent = err.message;
    });
  }

  function unknown() {
    el('business').textContent = 'Booking page not found';
    el('intro').textContent = 'This booking link does not lead to a calendar. Please check the link with the business.';
  }

  function loadSlots() {
    return CL.api(base + '/slots').then(showSlots, function (err) { say('refused', [err.message]); });
  }

  function showSlots(slots) {
    var days = [], byDay = {};
    (slots || []).forEach(function (slot) {
      var label = day(slot.start);
      if (!byDay[label]) { byDay[label] = []; days.push(label); }
      byDay[label].push(slot);
    });
    if (chosen && !(slots || []).some(function (s) { return s.start === chosen.start; })) unchoose();
    el('zone').textContent = 'Times are in ' + zoneName(slots && slots.length ? new Date(slots[0].start) : new Date()) + '.';
    var list = el('days');
    list.replaceChildren.apply(list, days.length ? days.map(function (label, i) {
      return h('section', { class: 'day', 'aria-labelledby': 'day-' + i }, h('h3', { id: 'day-' + i }, label),
        h('ul', { class: 'slots' }, byDay[label].map(function (slot) {
          return h('li', null, h('button', {
            type: 'button', class: 'slot', 'aria-pressed': String(!!chosen && chosen.start === slot.start),
            'aria-label': time(slot.start) + ', ' + label, dataset: { start: slot.start },
            onclick: function () { choose(slot); }
          }, time(slot.start)));
        })));
    }) : [h('p', { class: 'empty' }, 'No free times in the next ' + page.daysToView + ' days. Please look again later.')]);
    el('times').hidden = false;
  }

  /** First tap: the time is marked and the form asks for the client's details. */
  function choose(slot) {
    chosen = slot;
    say(null);
    document.querySelectorAll('button.slot').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.dataset.start === slot.start));
    });
    el('chosen').textContent = 'Your time: ' + when(slot) + '.';
    el('book-form').hidden = false;
    (value('name') && value('phone') ? el('book') : el(value('name') ? 'phone' : 'name')).focus();
  }

  function unchoose() {
    chosen = null;
    el('book-form').hidden = true;
  }

  /** Second tap: book the chosen time. */
  el('book-form').addEventListener('submit', function (event) {
    event.preventDefault();
    if (!chosen) return;
    ['name', 'phone', 'email'].forEach(function (id) { el(id).removeAttribute('aria-invalid'); });
    var missing = ['name', 'phone'].filter(function (id) { return !value(id); });
    if (missing.length) {
      missing.forEach(function (id) { el(id).setAttribute('aria-invalid', 'true'); });
      say('refused', ['Please fill in your ' + missing.map(function (id) { return id === 'phone' ? 'mobile phone' : id; }).join(' and ') + '.']);
      el(missing[0]).focus();
      return;
    }
    var body = { name: value('name'), phone: value('phone'), start: chosen.start };
    if (value('email')) body.email = value('email');
    var button = el('book');
    button.disabled = true;
    button.textContent = 'Booking…';
    CL.api(base + '/appointments', { method: 'POST', body: body }).then(booked, refused).then(function () {
      button.disabled = false;
      button.textContent = 'Book';
    });
  });

  function booked(answer) {
    unchoose();
    el('times').hidden = true;
    el('again-line').hidden = false;
    say('ok', ['Booked: ' + when(answer) + ' with ' + page.businessName + '.',
      'We\u2019ll text you a confirmation at ' + value('phone') + '.']);
    el('result').focus();
  }

  function refused(err) {
    say('refused', [err.message]);
    if (FIELD[err.code]) {
      el(FIELD[err.code]).setAttribute('aria-invalid', 'true');
      el(FIELD[err.code]).focus();
      return;
    }
    el('result').focus();
    if (RELOAD.indexOf(err.code) >= 0) {
      unchoose();
      loadSlots();
    }
  }

  el('again').addEventListener('click', function () {
    el('again-line').hidden = true;
    say(null);
    loadSlots().then(function () { var first = document.querySelector('button.slot'); if (first) first.focus(); });
  });

  start();
}());
