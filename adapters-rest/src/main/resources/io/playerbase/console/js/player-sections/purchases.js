import { api, isAdmin } from '../api.js';
import { MovementKeys } from '../idempotency.js';
import { h, replace, table, when } from '../dom.js';
import { field, problemView, runAction } from '../ui.js';

const REFUNDABLE = ['granting', 'granted', 'recorded'];

/** The player's store purchases, newest first, with a refund per purchase for admins. */
export const purchasesSection = {
  id: 'purchases',
  title: 'Purchases',
  async render(context) {
    const list = h('div', {});
    const output = h('div', { class: 'action-output', id: 'purchase-output' });
    const more = h('button', { type: 'button', id: 'purchases-more' }, 'Older purchases');
    const keys = new MovementKeys();
    const rows = [];
    let cursor = null;
    const load = async () => {
      try {
        const page = await api('GET', `/api/v1/admin/users/${context.id}/purchases?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        rows.push(...page.items);
        cursor = page.next_cursor;
        more.hidden = !cursor;
        replace(list, table([
          { title: 'Recorded', cell: purchase => when(purchase.created_at) },
          { title: 'Product', cell: purchase => purchase.product_id },
          { title: 'Store', cell: purchase => `${purchase.store}${purchase.environment ? ` (${purchase.environment})` : ''}` },
          { title: 'Status', cell: purchase => h('span', { class: `badge ${purchase.status}` }, purchase.status) },
          { title: 'Credits', cell: purchase => purchase.kind === 'subscription'
            ? `subscription${purchase.expires_at ? ` until ${when(purchase.expires_at)}` : ''}` : purchase.credits },
          { title: 'Store transaction', cell: purchase => h('code', {}, purchase.store_transaction_id) },
          { title: 'Refund', cell: purchase => purchase.refund_reason
            ? `${purchase.refund_reason} by ${purchase.refunded_by ?? '?'} ${when(purchase.refunded_at)}` : '' },
          { title: '', cell: purchase => isAdmin() && REFUNDABLE.includes(purchase.status)
            ? refundButton(context, purchase, keys, output) : '' },
        ], rows, 'No purchases.'));
      } catch (error) {
        replace(list, problemView(error));
      }
    };
    more.addEventListener('click', load);
    await load();
    return h('div', {}, output, list, more);
  },
};

function refundButton(context, purchase, keys, output) {
  const button = h('button', { type: 'button', class: 'small danger refund', 'data-purchase': purchase.id }, 'Refund…');
  const reason = h('input', { required: true, maxlength: 64, value: 'customer_request', 'aria-label': 'Reason code', id: 'refund-reason' });
  button.addEventListener('click', () => runAction({
    button, output,
    title: `Refund ${purchase.product_id} bought on ${when(purchase.created_at)}?`,
    body: [
      h('p', {}, purchase.credits > 0
        ? `Takes ${purchase.credits} credits back once; credits already spent become a debt that later credits repay first.`
        : 'Ends what the purchase granted.'),
      field('Reason code', reason)],
    request: () => {
      const body = { reason: reason.value };
      return keys.send({ purchase: purchase.id, ...body }, key =>
        api('POST', `/api/v1/admin/purchases/${encodeURIComponent(purchase.id)}/refund`, { body, idempotencyKey: key }));
    },
    // The wallet changed too: redraw the whole page.
    done: () => context.reloadPage(),
  }));
  return button;
}
