import { api, isAdmin } from '../api.js';
import { MovementKeys } from '../idempotency.js';
import { definitions, h, replace, table, when } from '../dom.js';
import { field, runAction } from '../ui.js';

/** Rows of a list shown at first, and added by each "older" click (the API sends them all, bounded, newest first). */
const PAGE = 10;
const DAY = 24 * 60 * 60 * 1000;
const GRANT_DAYS = 30;

/**
 * The player's premium: now (as the API computes it at this instant), every store subscription with its
 * periods and history, and the manual grants, newest first. Admins grant premium by hand and revoke
 * those grants (a store's subscription is the store's: it ends there).
 */
export const subscriptionSection = {
  id: 'subscription',
  title: 'Subscription',
  async render(context) {
    const details = await api('GET', `/api/v1/admin/users/${context.id}/subscription`);
    const current = details.current;
    return h('div', {},
      definitions([
        ['Premium', h('span', { id: 'subscription-premium', class: `badge ${current.premium ? 'premium' : 'free'}` },
          current.premium ? `yes (${current.premium_source})` : 'no')],
        ['Plan', h('span', { id: 'subscription-plan' }, current.plan)],
        ['Status', h('span', { id: 'subscription-status', class: `badge ${current.status}` }, current.status)],
        ['Store', current.store],
        ['Started', when(current.started_at)],
        ['Expires', when(current.expires_at)],
        ['Grace until', when(current.grace_until)],
        ['Auto-renew', current.store ? (current.auto_renew ? 'on' : 'off') : null],
        ['Granted until', h('span', { id: 'subscription-granted-until' }, when(current.granted_until))],
      ]),
      isAdmin() && context.account.status !== 'deleted' ? actions(context, details) : null,
      h('h3', {}, 'Manual grants'),
      h('div', { id: 'subscription-grants' }, paged('grants', [
        { title: 'Granted', cell: grant => when(grant.granted_at) },
        { title: 'By', cell: grant => h('code', {}, grant.granted_by) },
        { title: 'Reason', cell: grant => grant.reason },
        { title: 'Expires', cell: grant => when(grant.expires_at) },
        { title: 'State', cell: grant => h('span', { class: `badge ${grantState(grant)}` }, grantState(grant)) },
        { title: 'Revoked', cell: grant => grant.revoked_at
          ? `${grant.revoke_reason} by ${grant.revoked_by} ${when(grant.revoked_at)}` : '' },
      ], details.grants, 'No manual grant.', 'Older grants')),
      h('h3', {}, 'Store subscriptions'),
      h('div', { id: 'subscription-stores' }, details.subscriptions.length === 0
        ? h('p', { class: 'empty' }, 'No store subscription.')
        : details.subscriptions.map(storeSubscription)));
  },
};

function grantState(grant) {
  if (grant.active) return 'active';
  return grant.revoked_at ? 'revoked' : 'expired';
}

function storeSubscription(subscription) {
  return h('div', { class: 'store-subscription', 'data-subscription': subscription.id },
    h('h4', {}, `${subscription.store} · ${subscription.plan ?? subscription.sku ?? '?'} `,
      h('span', { class: `badge ${subscription.status}` }, subscription.status),
      subscription.premium ? h('span', { class: 'badge premium' }, 'premium') : null),
    definitions([
      ['Id', h('code', {}, subscription.id)],
      ['SKU', subscription.sku],
      ['Environment', subscription.environment],
      ['Status now / stored', `${subscription.status} / ${subscription.stored_status}`],
      ['Started', when(subscription.started_at)],
      ['Expires', when(subscription.expires_at)],
      ['Grace until', when(subscription.grace_until)],
      ['Auto-renew', subscription.auto_renew === null || subscription.auto_renew === undefined ? null
        : (subscription.auto_renew ? 'on' : 'off')],
      ['Resumes', subscription.resumes_at ? when(subscription.resumes_at) : null],
      ['Revoked', subscription.revoked_at ? `${subscription.revocation_reason} ${when(subscription.revoked_at)}` : null],
      ['Source purchase', subscription.source_purchase_id ? h('code', {}, subscription.source_purchase_id) : null],
      ['Store time', when(subscription.store_time)],
    ]),
    h('h4', {}, 'History'),
    paged('history', [
      { title: 'When', cell: change => when(change.at) },
      { title: 'Store time', cell: change => when(change.store_time) },
      { title: 'Event', cell: change => change.event },
      { title: 'Source', cell: change => h('code', {}, change.source) },
      { title: 'Status', cell: change => `${change.from} → ${change.to}` },
      { title: 'Expires', cell: change => when(change.expires_at) },
      { title: 'Grace until', cell: change => change.grace_until ? when(change.grace_until) : '' },
      { title: 'Auto-renew', cell: change => change.auto_renew === null || change.auto_renew === undefined ? ''
        : (change.auto_renew ? 'on' : 'off') },
      { title: 'Plan', cell: change => change.plan ?? '' },
    ], subscription.history, 'No change recorded.', 'Older changes'),
    h('h4', {}, 'Paid periods'),
    paged('periods', [
      { title: 'Transaction', cell: period => h('code', {}, period.transaction_id) },
      { title: 'From', cell: period => when(period.starts_at) },
      { title: 'To', cell: period => when(period.ends_at) },
      { title: 'Credits', cell: period => period.credits },
      { title: 'Credit state', cell: period => `${period.credit_state}${period.round ? ` (round ${period.round})` : ''}` },
      { title: 'Refunded', cell: period => period.refunded_at ? when(period.refunded_at) : '' },
    ], subscription.periods, 'No paid period.', 'Older periods'));
}

/** A table of the first PAGE rows, and a button that shows PAGE more each time while there are more. */
function paged(name, columns, rows, emptyText, moreText) {
  let shown = Math.min(PAGE, rows.length);
  const list = h('div', {});
  const more = h('button', { type: 'button', class: `small more-${name}` }, moreText);
  const draw = () => {
    replace(list, table(columns, rows.slice(0, shown), emptyText));
    more.hidden = shown >= rows.length;
  };
  more.addEventListener('click', () => { shown = Math.min(shown + PAGE, rows.length); draw(); });
  draw();
  return h('div', { class: `paged ${name}` }, list, more);
}

function actions(context, details) {
  const keys = new MovementKeys();
  const output = h('div', { class: 'action-output', id: 'subscription-output' });
  const reason = h('input', { id: 'premium-reason', required: true, maxlength: 64, pattern: '[a-z0-9][a-z0-9_.\\-]{0,63}', value: 'goodwill' });
  // Taken literally: an ISO-8601 instant with its offset, as the API reads it (no local-time guessing).
  const expires = h('input', { id: 'premium-expires', required: true, maxlength: 64, value: defaultExpiry(), size: 24,
    'aria-describedby': 'premium-expires-hint' });
  const submit = h('button', { type: 'submit', id: 'premium-grant' }, 'Grant premium…');
  const form = h('form', { class: 'filters', id: 'premium-grant-form' },
    field('Reason code', reason), field('Premium until (ISO-8601 instant, UTC)', expires), submit);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const body = { reason: reason.value, expires_at: expires.value };
    const grant = { kind: 'premium-grant', ...body };
    runAction({
      button: submit, output,
      title: `Grant premium to ${context.account.username} until ${body.expires_at}?`,
      body: [
        h('p', {}, `Reason: ${body.reason}`),
        h('p', {}, 'Adds premium beside any store subscription, which stays as the store says.'),
        h('p', { class: 'hint' }, `Idempotency-Key ${keys.keyFor(grant)}`)],
      request: () => keys.send(grant, key =>
        api('POST', `/api/v1/admin/users/${context.id}/subscription/grants`, { body, idempotencyKey: key })),
      // The account's copy and its audit history changed too: redraw the whole page.
      done: () => context.reloadPage(),
    });
  });
  const active = details.grants.filter(grant => grant.active);
  return h('div', { class: 'actions' },
    h('h3', {}, 'Grant premium'), form,
    active.length > 0 ? revokeRow(context, active, keys, output) : null,
    output);
}

function revokeRow(context, active, keys, output) {
  const button = h('button', { type: 'button', id: 'premium-revoke', class: 'danger' }, 'Revoke manual premium…');
  const reason = h('input', { id: 'premium-revoke-reason', required: true, maxlength: 64, value: 'mistake', 'aria-label': 'Reason code' });
  button.addEventListener('click', () => runAction({
    button, output,
    title: `Revoke the manual premium of ${context.account.username}?`,
    body: [
      h('p', {}, `Ends ${active.length === 1 ? 'the active grant' : `all ${active.length} active grants`} now. `
        + 'Premium a store sold is not touched: it ends in the store.'),
      field('Reason code', reason)],
    request: () => {
      const body = { reason: reason.value };
      return keys.send({ kind: 'premium-revocation', ...body }, key =>
        api('POST', `/api/v1/admin/users/${context.id}/subscription/revocations`, { body, idempotencyKey: key }));
    },
    done: () => context.reloadPage(),
  }));
  return h('div', { class: 'row' }, button, h('span', { class: 'hint' }, 'Ends manual grants only.'));
}

/** Midnight UTC, GRANT_DAYS days ahead, as the API reads it. */
function defaultExpiry() {
  const day = new Date(Date.now() + GRANT_DAYS * DAY);
  day.setUTCHours(0, 0, 0, 0);
  return day.toISOString().replace('.000Z', 'Z');
}
