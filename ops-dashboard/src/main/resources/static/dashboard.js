// The ops dashboard: one overview pushed every second (server-sent events), rendered into the panels.
const COLORS = {
  AWAITING_PAYMENT: '#d4ac0d', ACCEPTED: '#5b8def', REJECTED: '#b0b7c3', IN_REVIEW: '#f0a202', CLEARED: '#3fb2c6', BLOCKED: '#c0392b', RESERVED: '#2e8540',
  BACKORDERED: '#f39c12', OUT_OF_STOCK: '#e74c3c', SCHEDULED: '#8e6fd8', MANIFESTED: '#1d2733', CANCELLED: '#95a5a6'
};
const el = (id) => document.getElementById(id);

// Every call the page makes: marked as the page's own (a 401 then sends it to the login page rather than a
// browser dialog), and a write carries the CSRF token the console set in the XSRF-TOKEN cookie.
function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}
function api(path, options = {}) {
  const headers = Object.assign({ 'X-Requested-With': 'XMLHttpRequest' }, options.headers || {});
  const method = (options.method || 'GET').toUpperCase();
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
  return fetch(path, Object.assign({}, options, { headers, credentials: 'same-origin' })).then((response) => {
    if (response.status === 401) { window.location.href = '/login'; throw new Error('not logged in'); }
    return response;
  });
}
let me = { name: '', role: 'VIEWER', canAct: false };
// One id per action the page offers: a double click, or a resend after a lost answer, is the same action.
const newActionId = () => (crypto.randomUUID ? crypto.randomUUID() : 'a' + Date.now().toString(36) + Math.random().toString(36).slice(2, 12));
function problems(body) {
  return body.fields ? body.fields.map((f) => f.field + ': ' + f.message).join('; ') : (body.message || JSON.stringify(body));
}
const text = (value) => (value === null || value === undefined ? '' : String(value));
const kg = (grams) => (grams / 1000).toFixed(1) + ' kg';

function cell(row, value, className) {
  const td = row.insertCell();
  td.textContent = text(value);
  if (className) td.className = className;
  return td;
}

function fill(tableId, items, render) {
  const body = el(tableId).tBodies[0];
  body.replaceChildren();
  items.forEach((item) => render(body.insertRow(), item));
}

let chart;
function renderFlow(perMinute) {
  const datasets = Object.entries(perMinute.series)
    .map(([status, values]) => ({ label: status, data: values, backgroundColor: COLORS[status] || '#999', stack: 'all' }));
  if (!chart) {
    chart = new Chart(el('flow-chart'), {
      type: 'bar',
      data: { labels: perMinute.labels, datasets },
      options: { animation: false, responsive: true, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
                 plugins: { legend: { position: 'right' } } }
    });
  } else {
    chart.data.labels = perMinute.labels;
    chart.data.datasets.forEach((dataset) => { dataset.data = perMinute.series[dataset.label]; });
    chart.update();
  }
}

function renderStages(stages) {
  el('stages').replaceChildren(...Object.entries(stages).map(([status, count]) => {
    const div = document.createElement('div');
    div.className = 'stage';
    div.dataset.status = status;
    div.style.borderLeft = '4px solid ' + (COLORS[status] || '#999');
    const b = document.createElement('b');
    b.textContent = count;
    div.append(b, status);
    return div;
  }));
}

const reviewActionIds = {};
function decide(orderId, verdict, button) {
  button.disabled = true;
  const key = orderId + ':' + verdict;
  reviewActionIds[key] = reviewActionIds[key] || newActionId();
  api('/api/reviews/' + encodeURIComponent(orderId), {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ verdict, actionId: reviewActionIds[key] })
  }).then((response) => response.json().then((body) => {
    if (!response.ok) alert(body.message || JSON.stringify(body));
  })).catch((e) => alert('The decision could not be sent: ' + e));
}

// An action form: one action id per filled-in form (kept while the answer is an error, so a resend is the same action),
// the answer shown under it, and each field the console refused marked.
function sendAction(form, url, body) {
  form.dataset.actionId = form.dataset.actionId || newActionId();
  const button = form.querySelector('button[type=submit]');
  if (button) button.disabled = true;
  form.querySelectorAll('.invalid').forEach((n) => n.classList.remove('invalid'));
  const result = form.querySelector('.result');
  return api(url, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(Object.assign({}, body, { actionId: form.dataset.actionId })) })
    .then((response) => response.json().then((answer) => {
      if (response.ok) {
        result.textContent = (response.status === 200 ? 'Already done: ' : 'Done: ') + (answer.message || answer.action || '') ;
        result.className = 'result ok';
        delete form.dataset.actionId;
        form.reset();
      } else {
        result.textContent = problems(answer);
        result.className = 'result error';
        (answer.fields || []).forEach((f) => { const input = form.elements[f.field]; if (input) input.classList.add('invalid'); });
        if (response.status !== 400) delete form.dataset.actionId;
      }
      return answer;
    }))
    .catch((e) => { result.textContent = String(e); result.className = 'result error'; })
    .finally(() => { if (button) button.disabled = false; });
}
const formValue = (form, name) => { const v = form.elements[name].value.trim(); return v === '' ? null : v; };
const formNumber = (form, name) => { const v = formValue(form, name); return v === null ? null : Number(v); };

el('list-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const f = e.target;
  const expires = formValue(f, 'expiresAt');
  sendAction(f, '/api/fraud-lists', { type: formValue(f, 'type'), value: formValue(f, 'value'), action: formValue(f, 'action'),
    reason: formValue(f, 'reason'), expiresAt: expires ? new Date(expires).toISOString() : null });
});
el('stock-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const f = e.target;
  sendAction(f, '/api/stock/' + encodeURIComponent(formValue(f, 'sku') || '') + '/movements', { type: formValue(f, 'type'),
    quantity: formNumber(f, 'quantity'), countedOnHand: formNumber(f, 'countedOnHand'), warehouseId: formValue(f, 'warehouseId'),
    note: formValue(f, 'note') });
});
el('calendar-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const f = e.target;
  const [carrierId, warehouseId] = (formValue(f, 'calendar') || '|').split('|');
  sendAction(f, '/api/calendars/exceptions', { carrierId, warehouseId, date: formValue(f, 'date'), kind: formValue(f, 'kind'),
    cutOffTime: formValue(f, 'cutOffTime'), reason: formValue(f, 'reason') });
});
el('cancel-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (!currentOrder) return;
  sendAction(e.target, '/api/orders/' + encodeURIComponent(currentOrderId || currentOrder) + '/cancel', { reason: formValue(e.target, 'reason') });
});

// Row actions (remove a list entry, re-drive or discard a dead letter): one action id per row and kind.
const rowActionIds = {};
function rowAction(key, url, body, resultId) {
  rowActionIds[key] = rowActionIds[key] || newActionId();
  const result = el(resultId);
  return api(url, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(Object.assign({}, body, { actionId: rowActionIds[key] })) })
    .then((response) => response.json().then((answer) => {
      if (result) {
        result.textContent = response.ok ? 'Done: ' + (answer.action || '') + ' ' + (answer.id || answer.value || '') : problems(answer);
        result.className = 'result ' + (response.ok ? 'ok' : 'error');
      }
      if (!response.ok && response.status !== 400) delete rowActionIds[key];
      return answer;
    }));
}
function inspectDeadLetter(d) {
  api('/api/dead-letters/' + encodeURIComponent(d.topic) + '/' + d.partition + '/' + d.offset).then((r) => r.json()).then((body) => {
    const pre = el('dead-letter-detail');
    pre.hidden = false;
    pre.textContent = JSON.stringify(body, null, 2);
  });
}

function renderReviews(queue) {
  el('review-count').textContent = queue.length;
  el('review-empty').hidden = queue.length > 0;
  fill('review-queue', queue, (row, item) => {
    row.dataset.orderId = item.orderId;
    const order = cell(row, '');
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = item.shopOrderRef;
    link.title = item.orderId;
    link.onclick = (e) => { e.preventDefault(); showOrder(item.orderId); };
    order.append(link);
    cell(row, item.shopId);
    cell(row, item.score, 'num');
    const why = cell(row, '');
    const list = document.createElement('ul');
    list.className = 'reasons';
    item.reasons.forEach((reason) => { const li = document.createElement('li'); li.textContent = reason; list.append(li); });
    why.append(list);
    const actions = cell(row, '');
    if (!me.canAct) return;
    [['APPROVE', 'approve', 'Approve'], ['BLOCK', 'block', 'Block']].forEach(([verdict, className, label]) => {
      const button = document.createElement('button');
      button.className = className;
      button.textContent = label;
      button.onclick = () => decide(item.orderId, verdict, button);
      actions.append(button, ' ');
    });
  });
}

function button(label, className, onclick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = label;
  b.onclick = onclick;
  return b;
}

function renderPickLists(lists) {
  el('pick-lists').replaceChildren(...lists.map((list) => {
    const div = document.createElement('div');
    div.className = 'pick-list';
    div.dataset.carrierId = list.carrierId;
    const h = document.createElement('h3');
    h.textContent = list.carrierName + ' · cut-off ' + new Date(list.cutOffAt).toLocaleTimeString() + ' · ' + list.parcels.length + ' parcels ';
    const pdf = document.createElement('a');
    pdf.href = '/api/pick-lists/' + encodeURIComponent(list.carrierId) + '/' + encodeURIComponent(list.warehouseId) + '.pdf';
    pdf.target = '_blank';
    pdf.textContent = 'PDF';
    h.append(pdf);
    const table = document.createElement('table');
    table.innerHTML = '<thead><tr><th>SKU</th><th>Title</th><th>Units</th><th>Pack into</th></tr></thead><tbody></tbody>';
    list.picks.forEach((p) => {
      const row = table.tBodies[0].insertRow();
      cell(row, p.sku);
      cell(row, p.title);
      cell(row, p.quantity, 'num');
      cell(row, p.parcels.map((x) => x.parcelId + ' ×' + x.quantity).join(', '));
    });
    div.append(h, table);
    return div;
  }));
}

function countdown(seconds) {
  if (seconds < 0) return 'now';
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + s + ' s';
}

function render(overview) {
  el('orders-seen').textContent = overview.ordersSeen;
  el('status-changes').textContent = overview.statusChanges;
  renderFlow(overview.perMinute);
  renderStages(overview.stages);
  renderReviews(overview.reviewQueue);
  fill('cut-offs', overview.cutOffs, (row, c) => {
    row.dataset.carrierId = c.carrierId;
    cell(row, c.carrierName + ' (' + c.warehouseId + ')');
    cell(row, new Date(c.nextCutOff).toLocaleString());
    cell(row, countdown(c.secondsLeft), 'num countdown');
    cell(row, c.parcelsForNext, 'num');
    cell(row, kg(c.weightForNextGrams), 'num');
    cell(row, c.parcelsLater, 'num');
  });
  fill('stock', overview.stock, (row, s) => {
    row.className = s.status;
    cell(row, s.sku);
    cell(row, s.onHand, 'num');
    cell(row, s.reserved, 'num');
    cell(row, s.available, 'num');
    cell(row, s.status.replaceAll('_', ' ').toLowerCase());
  });
  fill('manifests', overview.manifests, (row, m) => {
    cell(row, m.manifestId);
    cell(row, new Date(m.cutOffAt).toLocaleString());
    cell(row, m.parcelCount, 'num');
    cell(row, kg(m.totalWeightGrams), 'num');
    const files = cell(row, '');
    ['csv', 'pdf'].forEach((ext) => {
      const a = document.createElement('a');
      a.href = '/api/manifests/' + encodeURIComponent(m.manifestId) + '.' + ext;
      a.textContent = ext.toUpperCase();
      a.target = '_blank';
      files.append(a, ' ');
    });
  });
  fill('rejections', overview.rejections, (row, r) => {
    cell(row, r.shopId);
    cell(row, r.shopOrderRef);
    cell(row, r.reasons.join('; '));
  });
  fill('dead-letters', overview.deadLetters, (row, d) => {
    row.dataset.id = d.id;
    cell(row, d.topic);
    cell(row, d.offset, 'num');
    cell(row, d.error);
    const code = document.createElement('code');
    code.textContent = d.valuePreview;
    cell(row, '').append(code);
    cell(row, d.fate || '', 'fate');
    const actions = cell(row, '');
    actions.append(button('Inspect', 'inspect', () => inspectDeadLetter(d)));
    if (me.canAct && !d.fate) {
      const base = '/api/dead-letters/' + encodeURIComponent(d.topic) + '/' + d.partition + '/' + d.offset;
      actions.append(' ', button('Re-drive', 'redrive', () => rowAction('redrive:' + d.id, base + '/redrive', {}, 'dead-letter-result')));
      actions.append(' ', button('Discard', 'discard', () => {
        const reason = window.prompt('Why discard this dead letter?');
        if (reason) rowAction('discard:' + d.id, base + '/discard', { reason }, 'dead-letter-result');
      }));
    }
  });
  fill('fraud-lists', overview.fraudLists || [], (row, entry) => {
    row.dataset.key = entry.type + ':' + entry.value;
    cell(row, entry.type);
    cell(row, entry.value);
    cell(row, entry.action, entry.action === 'BLOCK' ? 'blocked' : 'allowed');
    cell(row, entry.reason);
    cell(row, entry.addedBy);
    cell(row, entry.expiresAt ? new Date(entry.expiresAt).toLocaleString() : 'never');
    const actions = cell(row, '');
    if (me.canAct) {
      actions.append(button('Remove', 'remove', () => {
        const reason = window.prompt('Why remove this entry?');
        if (reason) rowAction('remove:' + row.dataset.key, '/api/fraud-lists/remove', { type: entry.type, value: entry.value, reason }, null);
      }));
    }
  });
  const choice = el('calendar-choice');
  const wanted = overview.cutOffs.map((c) => c.carrierId + '|' + c.warehouseId);
  if (choice.options.length !== wanted.length || wanted.some((w, i) => choice.options[i].value !== w)) {
    const selected = choice.value;
    choice.replaceChildren(...overview.cutOffs.map((c) => {
      const option = document.createElement('option');
      option.value = c.carrierId + '|' + c.warehouseId;
      option.textContent = c.carrierName + ' (' + c.warehouseId + ')';
      return option;
    }));
    if (wanted.includes(selected)) choice.value = selected;
  }
  renderPickLists(overview.pickLists || []);
  fill('audit', overview.audit || [], (row, a) => {
    row.dataset.action = a.action;
    cell(row, new Date(a.occurredAt).toLocaleString());
    cell(row, a.actor);
    cell(row, a.action.replaceAll('_', ' ').toLowerCase());
    cell(row, a.summary);
    cell(row, a.reason);
  });
  if (currentOrder) showOrder(currentOrder, true);
}

let currentOrder = null;
let currentOrderId = null;
function showOrder(orderId, quiet) {
  currentOrder = orderId;
  el('order-id').value = orderId;
  api('/api/orders?q=' + encodeURIComponent(orderId)).then((response) => response.json().then((body) => {
    if (!response.ok) {
      fill('order-history', [], () => {});
      el('order-message').textContent = body.message;
      return;
    }
    el('order-message').textContent = body.orderId === orderId ? '' : 'Order ' + body.orderId;
    currentOrderId = body.orderId;
    fill('order-history', body.history, (row, h) => {
      row.dataset.status = h.status;
      cell(row, new Date(h.occurredAt).toLocaleString());
      cell(row, h.status, 'status');
      cell(row, h.source);
      cell(row, h.reason);
    });
  })).catch((e) => { if (!quiet) el('order-message').textContent = String(e); });
}

el('order-search').addEventListener('submit', (e) => { e.preventDefault(); showOrder(el('order-id').value.trim()); });

function connect() {
  const source = new EventSource('/api/stream');
  source.addEventListener('overview', (event) => {
    el('connection').textContent = 'live';
    el('connection').className = 'pill live';
    render(JSON.parse(event.data));
  });
  source.onerror = () => { el('connection').textContent = 'reconnecting…'; el('connection').className = 'pill'; };
}
function showUser() {
  el('user-name').textContent = me.name;
  el('user-role').textContent = me.role.toLowerCase() + (me.customersMasked ? ' · customers masked' : '');
  document.body.dataset.role = me.role;
  document.querySelectorAll('.operator-only').forEach((node) => { node.hidden = !me.canAct; });
}
el('logout').addEventListener('click', () => {
  api('/logout', { method: 'POST' }).finally(() => { window.location.href = '/login?logout'; });
});

// Who is logged in first (it also sets the CSRF cookie), then the plain overview at once, then the stream.
api('/api/me').then((response) => response.json()).then((body) => { me = body; showUser(); })
  .then(() => api('/api/overview')).then((response) => response.json()).then(render).catch(() => {})
  .finally(connect);
