// The "Shops hearing back" panel: shop-sync's delivery state per shop (GET /api/shop-deliveries), every 2 seconds.
(() => {
  const STATE_COLOURS = { DISABLED: '#ffe1e1', FAILING: '#fff4d6' };
  const show = (value) => (value === null || value === undefined ? '' : String(value));
  const when = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '');

  function add(row, value, className) {
    const td = row.insertCell();
    td.textContent = show(value);
    if (className) td.className = className;
  }

  function render(shops) {
    const body = document.getElementById('shop-deliveries').tBodies[0];
    body.replaceChildren();
    shops.forEach((shop) => {
      const row = body.insertRow();
      row.dataset.shop = shop.shopId;
      row.dataset.endpoint = shop.endpointState;
      if (STATE_COLOURS[shop.endpointState]) row.style.background = STATE_COLOURS[shop.endpointState];
      add(row, shop.shopId);
      add(row, shop.endpointState);
      add(row, shop.lastDeliveredAt ? when(shop.lastDeliveredAt) : 'none yet');
      add(row, shop.lastAttemptOutcome);
      add(row, shop.queuedWebhooks, 'num');
      add(row, shop.queuedPlatformCalls, 'num');
      add(row, shop.deadLettered, 'num');
      add(row, shop.attention);
    });
    document.getElementById('shop-deliveries-empty').hidden = shops.length > 0;
    const attention = shops.filter((shop) => shop.endpointState !== 'ENABLED').length;
    const count = document.getElementById('shop-deliveries-count');
    count.textContent = attention;
    count.hidden = attention === 0;
  }

  function refresh() {
    fetch('/api/shop-deliveries').then((response) => (response.ok ? response.json() : null))
      .then((body) => { if (body) render(body.shops); }).catch(() => {});
  }

  refresh();
  setInterval(refresh, 2000);
})();
