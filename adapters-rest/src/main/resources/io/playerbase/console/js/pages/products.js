import { api, isAdmin } from '../api.js';
import { h, replace, table, when } from '../dom.js';
import { field, notice, problemView, runAction } from '../ui.js';

const STORES = ['app_store', 'google_play', 'test'];
const PAGE_SIZE = 100;

/** The catalog: everyone on staff reads it; admins add, edit, take off sale and put back on sale. */
export function productsPage() {
  const list = h('div', { id: 'products' });
  const output = h('div', { id: 'product-output', class: 'action-output' });
  const editor = isAdmin() ? productForm(output, () => load()) : null;
  const load = async () => {
    replace(list, notice('Loading…'));
    try {
      const items = [];
      let cursor = null;
      do {
        const page = await api('GET', `/api/v1/admin/products?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        items.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor);
      replace(list, table([
        { title: 'Product', cell: product => h('code', {}, product.product_id) },
        { title: 'Title', cell: product => product.title },
        { title: 'Grants', cell: product => product.kind === 'credits_pack'
          ? `${product.credits} credits` : `${product.entitlement} for ${product.period}` },
        { title: 'SKUs', cell: product => Object.entries(product.skus).map(([store, sku]) => h('div', {}, `${store}: `, h('code', {}, sku))) },
        { title: 'State', cell: product => h('span', { class: `badge ${product.active ? 'active' : 'inactive'}` }, product.active ? 'on sale' : 'off sale') },
        { title: 'Updated', cell: product => when(product.updated_at) },
        { title: '', cell: product => isAdmin() ? h('div', { class: 'row' },
          h('button', { type: 'button', class: 'small', 'data-edit': product.product_id, onclick: () => editor.edit(product) }, 'Edit'),
          saleButton(product, output, load)) : '' },
      ], items, 'No products yet.'));
    } catch (error) {
      replace(list, problemView(error));
    }
  };
  load();
  return h('div', {},
    editor?.form,
    h('section', { class: 'card' }, h('h1', {}, 'Products'),
      h('p', { class: 'hint' }, 'Players see the products on sale; purchases already recorded keep what they granted.'),
      output, list));
}

/** One form for both: empty it adds a product, filled by "Edit" it redefines one (id and kind fixed). */
function productForm(output, reload) {
  const id = h('input', { id: 'product-id', required: true, maxlength: 64, pattern: '[a-z0-9][a-z0-9_.\\-]{0,63}', placeholder: 'coins_500' });
  const title = h('input', { id: 'product-title', required: true, maxlength: 100 });
  const kind = h('select', { id: 'product-kind' },
    h('option', { value: 'credits_pack' }, 'credits pack'), h('option', { value: 'subscription' }, 'subscription'));
  const credits = h('input', { id: 'product-credits', type: 'number', min: 1, step: 1, inputmode: 'numeric' });
  const entitlement = h('input', { id: 'product-entitlement', maxlength: 32, value: 'premium' });
  const period = h('input', { id: 'product-period', maxlength: 16, placeholder: 'P1M' });
  const skus = Object.fromEntries(STORES.map(store => [store, h('input', { id: `product-sku-${store}`, maxlength: 150 })]));
  const heading = h('h2', {}, 'New product');
  const submit = h('button', { type: 'submit', id: 'product-save' }, 'Add…');
  const cancel = h('button', { type: 'button', id: 'product-cancel', hidden: true }, 'Cancel');
  const creditsField = field('Credits (minor units)', credits);
  const entitlementField = field('Entitlement', entitlement);
  const periodField = field('Period (ISO-8601)', period);
  let editing = null;

  const showKind = () => {
    const pack = kind.value === 'credits_pack';
    creditsField.hidden = !pack;
    entitlementField.hidden = pack;
    periodField.hidden = pack;
  };
  kind.addEventListener('change', showKind);
  const reset = () => {
    editing = null;
    form.reset();
    id.disabled = false;
    kind.disabled = false;
    replace(heading, 'New product');
    replace(submit, 'Add…');
    cancel.hidden = true;
    showKind();
  };
  cancel.addEventListener('click', reset);

  const form = h('form', { class: 'card filters', id: 'product-form' },
    heading, field('Product id', id), field('Title', title), field('Kind', kind), creditsField, entitlementField, periodField,
    STORES.map(store => field(`SKU ${store}`, skus[store])), submit, cancel);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const body = { product_id: id.value, title: title.value, kind: kind.value, skus: {} };
    if (kind.value === 'credits_pack') {
      // Taken literally: an integer of minor units, never rounded (the API refuses anything else).
      const value = Number(credits.value);
      body.credits = Number.isSafeInteger(value) ? value : credits.value;
    } else {
      body.entitlement = entitlement.value;
      body.period = period.value;
    }
    for (const store of STORES) if (skus[store].value) body.skus[store] = skus[store].value;
    const existing = editing;
    runAction({
      button: submit, output,
      title: existing ? `Save the product ${body.product_id}?` : `Add the product ${body.product_id}?`,
      body: [h('p', {}, `“${body.title}”: ${body.kind === 'credits_pack' ? `${body.credits} credits` : `${body.entitlement} for ${body.period}`}`),
        h('p', {}, `SKUs: ${Object.entries(body.skus).map(([store, sku]) => `${store} ${sku}`).join(', ') || 'none'}`)],
      request: () => existing
        ? api('PUT', `/api/v1/admin/products/${encodeURIComponent(existing)}`, { body })
        : api('POST', '/api/v1/admin/products', { body }),
      done: async () => { reset(); await reload(); },
    });
  });
  showKind();

  return {
    form,
    edit(product) {
      editing = product.product_id;
      id.value = product.product_id;
      id.disabled = true;
      title.value = product.title;
      kind.value = product.kind;
      kind.disabled = true;
      credits.value = product.credits ?? '';
      entitlement.value = product.entitlement ?? '';
      period.value = product.period ?? '';
      for (const store of STORES) skus[store].value = product.skus[store] ?? '';
      replace(heading, `Edit ${product.product_id}`);
      replace(submit, 'Save…');
      cancel.hidden = false;
      showKind();
      title.focus();
    },
  };
}

function saleButton(product, output, load) {
  const onSale = product.active;
  const button = h('button', { type: 'button', class: onSale ? 'small danger' : 'small', 'data-sale': product.product_id },
    onSale ? 'Take off sale…' : 'Put on sale…');
  button.addEventListener('click', () => runAction({
    button, output,
    title: `${onSale ? 'Take' : 'Put'} ${product.product_id} ${onSale ? 'off' : 'on'} sale?`,
    body: [h('p', {}, onSale ? 'Players stop seeing it and new purchases of it are refused; recorded purchases keep what they granted.'
      : 'Players see it again and may buy it.')],
    request: () => api('POST', `/api/v1/admin/products/${encodeURIComponent(product.product_id)}/${onSale ? 'deactivate' : 'activate'}`),
    done: () => load(),
  }));
  return button;
}
