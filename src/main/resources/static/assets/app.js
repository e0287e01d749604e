/* ConfirmLoop — shared helpers for the small browser pages. */
(function (global) {
  'use strict';

  /** Error thrown by api(): carries the HTTP status and the server's error code. */
  function ApiError(message, status, code) {
    var e = new Error(message);
    e.name = 'ApiError';
    e.status = status;
    e.code = code;
    return e;
  }

  /**
   * fetch() wrapper for /api/** calls. Sends cookies/Basic credentials of this origin
   * (the page's sign-in session), encodes a plain-object body as JSON, and turns
   * {"error": CODE, "message": text} answers into thrown errors carrying `message`.
   * Resolves to the parsed JSON body, or null when there is none.
   */
  function api(path, options) {
    var opts = Object.assign({ method: 'GET', credentials: 'same-origin' }, options || {});
    // marks a page's own call: a lapsed session then answers 401 without the browser's Basic prompt
    var headers = Object.assign({ Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, opts.headers || {});
    if (opts.body !== undefined && opts.body !== null && typeof opts.body === 'object' &&
        !(opts.body instanceof FormData) && !(opts.body instanceof Blob)) {
      opts.body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    }
    opts.headers = headers;
    return fetch(path, opts).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        if (text) {
          try { data = JSON.parse(text); } catch (ignored) { data = null; }
        }
        if (res.ok) return data;
        if (res.status === 401 && !/^\/(book|login)/.test(location.pathname)) {
          // the session has lapsed: back to the sign-in page, which returns here afterwards
          location.href = '/login';
        }
        var message = data && data.message;
        if (!message) {
          if (res.status === 401) message = 'Your sign-in has lapsed. Sign in again on the sign-in page (/login).';
          else if (res.status === 403) message = 'You are not allowed to do this.';
          else if (res.status === 404) message = 'Not found (' + path + ').';
          else message = 'The server answered ' + res.status + (res.statusText ? ' ' + res.statusText : '') + '.';
        }
        throw ApiError(message, res.status, (data && data.error) || 'HTTP_' + res.status);
      });
    }, function () {
      throw ApiError('Cannot reach the server. Check that ConfirmLoop is running, then try again.', 0, 'NETWORK');
    });
  }

  /**
   * Show an error (or a message string) in the page's alert box (#error); pass null to hide it.
   * `source` 'poll' marks errors of background refreshes: a later successful refresh clears
   * those, but never an error caused by something the user did.
   */
  function showError(err, source) {
    var box = document.getElementById('error');
    if (!box) return;
    if (!err) {
      if (source === 'poll' && box.dataset.source !== 'poll') return;
      box.hidden = true; box.replaceChildren(); return;
    }
    var msg = typeof err === 'string' ? err : (err.message || String(err));
    if (err && err.code && err.code.indexOf('HTTP_') !== 0 && err.code !== 'NETWORK') {
      msg += ' (' + err.code + ')';
    }
    box.dataset.source = source === 'poll' ? 'poll' : 'action';
    box.replaceChildren(h('span', { class: 'error-text' }, msg),
      h('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss', onclick: function () { showError(null); } }, '\u00d7'));
    box.hidden = false;
  }

  /** Small DOM builder: h('li', {class: 'x', dataset: {id: 1}, onclick: fn}, 'text', child). */
  function h(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'class') node.className = v;
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k.slice(0, 2) === 'on' && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (k in node && typeof v !== 'string') node[k] = v;
      else node.setAttribute(k, v === true ? '' : v);
    });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function append(node, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  /** The browser's own IANA zone, e.g. "Europe/Berlin". */
  function localZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time'; }
    catch (e) { return 'local time'; }
  }

  /**
   * Format an ISO-8601 instant/offset date-time with toLocaleString. With `zone` (an IANA
   * name the API gave), the time is shown in that zone and the zone is named.
   */
  function fmtTime(iso, zone) {
    if (!iso) return '';
    var d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    var opts = { dateStyle: 'medium', timeStyle: 'short' };
    if (zone) {
      try { return d.toLocaleString(undefined, Object.assign({ timeZone: zone }, opts)) + ' (' + zone + ')'; }
      catch (e) { /* unknown zone: fall back to local time */ }
    }
    return d.toLocaleString(undefined, opts);
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  /** "2026-11-22T09:00:00+01:00": the date in the browser's local time with its offset. */
  function isoWithOffset(d) {
    var off = -d.getTimezoneOffset();
    var sign = off >= 0 ? '+' : '-';
    off = Math.abs(off);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) +
      'T' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) +
      sign + pad(Math.floor(off / 60)) + ':' + pad(off % 60);
  }

  /** Value for an <input type="datetime-local">: "2026-11-22T09:00". */
  function toLocalInput(d) {
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) +
      'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  /**
   * Call fn() (returning a promise) now and then every `ms` after each run ends. Stops
   * on 401 (the page is on its way back to the sign-in page).
   * Returns {refresh(), stop()}.
   */
  function poll(fn, ms) {
    var timer = null, stopped = false;
    function run() {
      clearTimeout(timer);
      return Promise.resolve().then(fn).then(function () { showError(null, 'poll'); }, function (err) {
        showError(err, 'poll');
        if (err && err.status === 401) stopped = true;
      }).then(function () {
        if (!stopped) timer = setTimeout(run, ms);
      });
    }
    run();
    return { refresh: run, stop: function () { stopped = true; clearTimeout(timer); } };
  }

  /** CSS class for a status badge: "CONFIRMED" -> "badge s-confirmed". */
  function badge(status) {
    var s = String(status || 'unknown');
    return h('span', { class: 'badge s-' + s.toLowerCase().replace(/[^a-z0-9]+/g, '-') },
      s.replace(/_/g, ' ').toLowerCase());
  }

  global.CL = {
    api: api, showError: showError, h: h, fmtTime: fmtTime, localZone: localZone,
    isoWithOffset: isoWithOffset, toLocalInput: toLocalInput, poll: poll, badge: badge
  };
  global.api = api;
})(window);
