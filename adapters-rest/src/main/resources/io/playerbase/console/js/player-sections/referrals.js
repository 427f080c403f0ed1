import { api, isAdmin } from '../api.js';
import { MovementKeys } from '../idempotency.js';
import { amount, definitions, h, replace, table, when } from '../dom.js';
import { field, problemView, runAction } from '../ui.js';

const SIDES = ['referrer', 'referee'];

/**
 * The player's referrals as staff read them (`GET /api/v1/admin/users/{id}/referrals`): the code, who
 * referred the player and the links the player made (newest first, older pages by cursor), each with
 * both sides' rewards. Admins disable the code and take a paid reward back, one side at a time.
 */
export const referralsSection = {
  id: 'referrals',
  title: 'Referrals',
  async render(context) {
    const path = `/api/v1/admin/users/${context.id}/referrals?limit=20`;
    const summary = await api('GET', path);
    const admin = isAdmin();
    const keys = new MovementKeys();
    const output = h('div', { class: 'action-output', id: 'referrals-output' });
    const columns = linkColumns(context, keys, output, admin);
    const rows = [...summary.referred];
    let cursor = summary.next_cursor;
    const list = h('div', { id: 'referrals-links' });
    const more = h('button', { type: 'button', id: 'referrals-more' }, 'Older referrals');
    const draw = () => {
      replace(list, table(columns(link => ({ id: link.referee_id, username: link.username })), rows, 'No referrals made.'));
      more.hidden = !cursor;
    };
    more.addEventListener('click', async () => {
      try {
        const page = await api('GET', `${path}&cursor=${encodeURIComponent(cursor)}`);
        rows.push(...page.referred);
        cursor = page.next_cursor;
        draw();
      } catch (error) {
        replace(output, problemView(error));
      }
    });
    draw();
    return h('div', {},
      definitions([
        ['Referral code', summary.referral_code ? h('span', {},
          h('code', { id: 'referral-code' }, summary.referral_code),
          summary.referral_code_disabled ? [' ', h('span', { id: 'referral-code-disabled', class: 'badge disabled' }, 'disabled')] : null)
          : null],
        ['Referrals', h('span', { id: 'referral-count' }, summary.referral_count)],
        ['Rewards earned', h('span', { id: 'referral-rewards-earned' }, amount(summary.rewards_earned))],
        ['Referred by', referredBy(context, summary)],
        ['May redeem a code until', summary.redeemable_until ? when(summary.redeemable_until) : null],
      ]),
      admin && summary.referral_code && !summary.referral_code_disabled && context.account.status !== 'deleted'
        ? disableRow(context, summary.referral_code, output) : null,
      output,
      summary.referred_by ? [h('h3', {}, 'Referred by'), h('div', { id: 'referrals-referred-by' },
        table(columns(link => ({ id: link.referrer_id, username: link.username })), [summary.referred_by]))] : null,
      h('h3', {}, 'Referrals made'),
      list, more);
  },
};

/** The referrer as a link to their page; an old-system link that names no registered code stays as it was stored. */
function referredBy(context, summary) {
  const link = summary.referred_by;
  if (link) return h('a', { href: `#/players/${link.referrer_id}`, class: 'referral-player' }, link.username);
  const stored = context.account.modules?.referrals?.referred_by;
  return stored ? `${stored} (old system, no account)` : null;
}

/** Columns of a referral link; {@code other(link)} is the other account ({id, username}) as seen from this player's page. */
function linkColumns(context, keys, output, admin) {
  return other => [
    { title: 'Player', cell: link => h('a', { href: `#/players/${other(link).id}`, class: 'referral-player' }, other(link).username) },
    { title: 'Code', cell: link => h('code', {}, link.code) },
    { title: 'State', cell: link => h('span', { class: `badge ${link.state}` }, link.state) },
    { title: 'Redeemed', cell: link => when(link.redeemed_at) },
    { title: 'Qualified', cell: link => link.qualified_by ? `${link.qualified_by} ${when(link.qualified_at)}` : '' },
    { title: 'Pay at', cell: link => link.pay_at ? when(link.pay_at) : '' },
    { title: 'Closed', cell: link => link.closed_at ? `${link.close_reason ?? ''} ${when(link.closed_at)}`.trim() : '' },
    ...SIDES.map(side => ({
      title: `${side === 'referrer' ? 'Referrer' : 'Referee'} reward`,
      cell: link => reward(context, link, side, keys, output, admin),
    })),
  ];
}

function reward(context, link, side, keys, output, admin) {
  const value = link[`${side}_reward`];
  if (!value) return '—';
  return h('div', { class: 'reward', 'data-referral': link.referral_id, 'data-side': side },
    `${amount(value.amount)} `, h('span', { class: `badge ${value.state}` }, value.state),
    value.forfeit_code ? h('div', { class: 'hint' }, value.forfeit_code) : null,
    value.paid_at ? h('div', { class: 'hint' }, `paid ${when(value.paid_at)}`) : null,
    value.reversed_at ? h('div', { class: 'hint' }, `reversed ${when(value.reversed_at)}`) : null,
    admin && value.state === 'paid' ? reverseButton(context, link, side, value, keys, output) : null);
}

/**
 * Takes one side's paid reward back. The movement is the referral and the side (each side is reversed
 * at most once), so the key the dialog shows is the key sent, and a retry after a lost answer replays it.
 */
function reverseButton(context, link, side, value, keys, output) {
  const button = h('button', { type: 'button', class: 'small danger reverse-reward', 'data-referral': link.referral_id,
    'data-side': side }, 'Reverse…');
  const reason = h('input', { id: 'referral-reverse-reason', required: true, maxlength: 64, value: 'fraud' });
  const description = h('input', { id: 'referral-reverse-description', maxlength: 2000 });
  button.addEventListener('click', () => {
    const movement = { kind: 'referral-reversal', referral: link.referral_id, side };
    runAction({
      button, output,
      title: `Take back the ${side}'s reward of ${amount(value.amount)}?`,
      body: [
        h('p', {}, `Referral ${link.code} redeemed ${when(link.redeemed_at)}. The wallet reverses the credit once and `
          + 'rewards earned goes down; a reward already spent is refused (insufficient-funds).'),
        field('Reason code', reason),
        field('Description (optional)', description),
        h('p', { class: 'hint' }, `Idempotency-Key ${keys.keyFor(movement)}`)],
      request: () => {
        const body = { side, reason: reason.value };
        if (description.value) body.description = description.value;
        return keys.send(movement, key =>
          api('POST', `/api/v1/admin/referrals/${encodeURIComponent(link.referral_id)}/reversals`, { body, idempotencyKey: key }));
      },
      // Both wallets, both accounts' rewards earned and the audit history changed: redraw the whole page.
      done: () => context.reloadPage(),
    });
  });
  return button;
}

function disableRow(context, code, output) {
  const button = h('button', { type: 'button', id: 'referral-code-disable', class: 'danger' }, 'Disable code…');
  button.addEventListener('click', () => runAction({
    button, output,
    title: `Disable the referral code ${code} of ${context.account.username}?`,
    body: [h('p', {}, 'For good: nobody can redeem it any more and no new code is issued. '
      + 'Referrals already made with it stay, and their rewards too.')],
    request: () => api('POST', `/api/v1/admin/users/${context.id}/referral-code/disable`),
    done: () => context.reloadPage(),
  }));
  return h('div', { class: 'actions' }, h('div', { class: 'row' }, button));
}
