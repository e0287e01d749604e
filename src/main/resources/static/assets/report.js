/* ConfirmLoop — text messaging report page: figures, a daily chart (Chart.js) and the replies. */
(function () {
  'use strict';
  var h = CL.h, api = CL.api;
  var $ = function (id) { return document.getElementById(id); };
  var chart = null;

  /** The figures shown, in order: [field of the report's totals, label]. */
  var FIGURES = [
    ['sent', 'Texts sent'], ['delivered', 'Delivered'], ['undelivered', 'Undelivered'], ['failed', 'Failed'],
    ['replies', 'Replies'], ['confirmed', 'Confirmed via text'], ['declined', 'Declined'],
    ['rescheduleRequests', 'Reschedule requests'], ['noResponse', 'No response'], ['optOuts', 'Opt-outs'],
    ['askedToConfirm', 'Asked to confirm'], ['confirmationRate', 'Confirmation rate'], ['medianReplySeconds', 'Median time to reply']
  ];

  function query() {
    var params = new URLSearchParams();
    if ($('report-calendar').value) params.set('calendarId', $('report-calendar').value);
    if ($('report-from').value) params.set('from', $('report-from').value);
    if ($('report-to').value) params.set('to', $('report-to').value);
    return params;
  }

  function percent(rate) { return rate === null || rate === undefined ? '–' : Math.round(rate * 1000) / 10 + ' %'; }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    if (seconds < 60) return seconds + ' s';
    var minutes = Math.round(seconds / 60);
    if (minutes < 60) return minutes + ' min';
    return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
  }

  function shown(field, value) {
    if (field === 'confirmationRate') return percent(value);
    if (field === 'medianReplySeconds') return duration(value);
    return String(value);
  }

  function renderFigures(totals) {
    $('figures').replaceChildren.apply($('figures'), FIGURES.map(function (f) {
      return h('div', { class: 'figure' }, h('span', { class: 'value', id: 'fig-' + f[0], dataset: { figure: f[0] } }, shown(f[0], totals[f[0]])),
        h('span', { class: 'name' }, f[1]));
    }));
  }

  function renderChart(days) {
    var data = {
      labels: days.map(function (d) { return d.date; }),
      datasets: [
        { type: 'bar', label: 'Texts sent', data: days.map(function (d) { return d.sent; }), yAxisID: 'y', backgroundColor: '#2f6f73', order: 2 },
        { type: 'line', label: 'Confirmation rate (%)', yAxisID: 'rate', borderColor: '#a4342a', backgroundColor: '#a4342a', spanGaps: true, order: 1,
          data: days.map(function (d) { return d.confirmationRate === null ? null : Math.round(d.confirmationRate * 1000) / 10; }) }
      ]
    };
    if (chart) {
      chart.data = data;
      chart.update();
      return;
    }
    chart = new Chart($('report-chart'), {
      data: data,
      options: {
        maintainAspectRatio: false, animation: false,
        scales: {
          y: { beginAtZero: true, title: { display: true, text: 'texts' }, ticks: { precision: 0 } },
          rate: { position: 'right', min: 0, max: 100, title: { display: true, text: '% confirmed' }, grid: { drawOnChartArea: false } }
        }
      }
    });
  }

  function renderReplies(report) {
    var zones = {};
    report.calendars.forEach(function (c) { zones[c.id] = c.timeZone; });
    var rows = report.replies.map(function (r) {
      return h('tr', null, h('td', null, CL.fmtTime(r.at, zones[r.calendarId])), h('td', null, r.phone),
        h('td', { class: 'reply-text' }, r.text), h('td', null, CL.badge(r.readAs)),
        h('td', null, r.appointment || '', r.appointmentStart ? h('div', { class: 'hint' }, CL.fmtTime(r.appointmentStart, zones[r.calendarId])) : null),
        h('td', null, r.attendeeStatus ? CL.badge(r.attendeeStatus) : ''));
    });
    if (!rows.length) rows = [h('tr', null, h('td', { colspan: 6, class: 'empty' }, 'No replies in this period.'))];
    $('replies').replaceChildren.apply($('replies'), rows);
    $('replies-note').textContent = report.replies.length < report.totals.replies
      ? 'The latest ' + report.replies.length + ' of ' + report.totals.replies + ' replies; the CSV has them all.' : '';
  }

  function load() {
    var params = query();
    var csv = new URLSearchParams(params); csv.set('format', 'csv');
    $('csv-days').href = '/api/reports/messaging?' + csv;
    csv.set('table', 'replies');
    $('csv-replies').href = '/api/reports/messaging?' + csv;
    return api('/api/reports/messaging?' + params).then(function (report) {
      CL.showError(null);
      $('report-from').value = report.from;
      $('report-to').value = report.to;
      $('report-period').textContent = report.from + ' – ' + report.to;
      renderFigures(report.totals);
      renderChart(report.days);
      renderReplies(report);
      document.body.dataset.loaded = report.from + '/' + report.to + '/' + (report.calendarId || '');
    }).catch(CL.showError);
  }

  function start() {
    var wanted = new URLSearchParams(location.search);
    ['from', 'to'].forEach(function (k) { if (wanted.get(k)) $('report-' + k).value = wanted.get(k); });
    api('/api/calendars').then(function (list) {
      var sel = $('report-calendar');
      (list || []).forEach(function (c) { sel.appendChild(h('option', { value: c.id }, c.name || c.id)); });
      if (wanted.get('calendarId')) sel.value = wanted.get('calendarId');
    }).catch(CL.showError).then(load);
    $('report-form').addEventListener('submit', function (e) { e.preventDefault(); load(); });
    $('report-calendar').addEventListener('change', load);
  }

  start();
})();
