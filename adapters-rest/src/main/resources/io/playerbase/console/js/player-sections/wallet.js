import { api, isAdmin } from '../api.js';
import { MovementKeys } from '../idempotency.js';
import { amount, definitions, h, replace, table, when } from '../dom.js';
import { field, notice, problemView, runAction } from '../ui.js';

export const walletSection = {
  id: 'wallet',
  title: 'Wallet',
  async render(context, reload) {
    const wallet = await api('GET', `/api/v1/admin/users/${context.id}/wallet`);
    const ledger = h('div', { id: 'ledger' });
    const reconcileOutput = h('div', { id: 'reconcile-output' });
    const reconcile = h('button', { type: 'button', id: 'reconcile' }, 'Reconcile');
    reconcile.addEventListener('click', async () => {
      replace(reconcileOutput, notice('Checking the ledger…'));
      try {
        const report = await api('GET', `/api/v1/admin/users/${context.id}/wallet/reconcile`);
        replace(reconcileOutput, h('div', { class: report.consistent ? 'ok' : 'problem' },
          h('strong', {}, report.consistent ? 'Consistent' : 'Inconsistent'),
          ` — ${report.entries} entries, ledger ${amount(report.ledger_balance, wallet.currency)}, balance ${amount(report.balance, wallet.currency)}`,
          report.findings.length ? h('ul', {}, report.findings.map(finding => h('li', {}, `#${finding.sequence}: ${finding.problem}`))) : null));
      } catch (error) {
        replace(reconcileOutput, problemView(error));
      }
    });
    const keys = new MovementKeys();
    await loadLedger(context, ledger, wallet, keys, reload);
    return h('div', {},
      definitions([
        ['Balance', h('span', { id: 'wallet-balance' }, amount(wallet.balance, wallet.currency))],
        ['Debt', h('span', { id: 'wallet-debt' }, amount(wallet.debt ?? 0, wallet.currency))],
        ['Updated', when(wallet.updated_at)],
      ]),
      h('div', { class: 'row' }, reconcile), reconcileOutput,
      isAdmin() && context.account.status !== 'deleted' ? moveMoney(context, wallet, keys, reload) : null,
      h('h3', {}, 'Ledger'), ledger);
  },
};

async function loadLedger(context, ledger, wallet, keys, reload) {
  const rows = [];
  let cursor = null;
  const more = h('button', { type: 'button', id: 'ledger-more' }, 'Older entries');
  const list = h('div', {});
  const load = async () => {
    try {
      const page = await api('GET', `/api/v1/admin/users/${context.id}/wallet/transactions?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      rows.push(...page.items);
      cursor = page.next_cursor;
      more.hidden = !cursor;
      replace(list, table([
        { title: '#', cell: line => line.sequence },
        { title: 'When', cell: line => when(line.created_at) },
        { title: 'Kind', cell: line => line.kind },
        // A debt entry leaves the balance alone: it records what is owed, which the settlements after it pay.
        { title: 'Amount', cell: line => line.kind === 'debt' ? `owes ${amount(line.amount, line.currency)}`
          : h('span', { class: line.signed_amount < 0 ? 'minus' : 'plus' }, amount(line.signed_amount, line.currency)) },
        { title: 'Balance after', cell: line => amount(line.balance_after, line.currency) },
        { title: 'Reason', cell: line => line.reason },
        { title: 'Description', cell: line => line.description ?? '' },
        { title: 'By', cell: line => `${line.actor_role} ${line.actor_id ?? ''}`.trim() },
        { title: '', cell: line => isAdmin() && reversible(line) ? reverseButton(context, line, keys, reload) : '' },
      ], rows, 'No transactions yet.'));
    } catch (error) {
      replace(list, problemView(error));
    }
  };
  more.addEventListener('click', load);
  await load();
  replace(ledger, list, more);
}

/** What the API lets staff reverse: their own credits and debits (a purchase is refunded instead). */
function reversible(line) {
  return (line.kind === 'credit' || line.kind === 'debit') && line.source !== 'purchase' && line.reason !== 'debt_settlement';
}

function moveMoney(context, wallet, keys, reload) {
  const kind = h('select', { id: 'money-kind' }, h('option', { value: 'credits' }, 'Credit'), h('option', { value: 'debits' }, 'Debit'));
  const minor = h('input', { id: 'money-amount', type: 'number', min: 1, step: 1, required: true, inputmode: 'numeric' });
  const reason = h('input', { id: 'money-reason', required: true, maxlength: 64, pattern: '[a-z0-9][a-z0-9_.\\-]{0,63}', placeholder: 'goodwill' });
  const description = h('input', { id: 'money-description', maxlength: 500 });
  const output = h('div', { id: 'money-output', class: 'action-output' });
  const submit = h('button', { type: 'submit', id: 'money-submit' }, 'Move money…');
  const form = h('form', { class: 'filters', id: 'money-form' },
    field('Movement', kind), field(`Amount (minor units of ${wallet.currency})`, minor), field('Reason code', reason),
    field('Description (optional)', description), submit);
  form.addEventListener('submit', event => {
    event.preventDefault();
    // Taken literally: an integer of minor units, never rounded.
    const value = Number(minor.value);
    const body = { amount: Number.isSafeInteger(value) ? value : minor.value, reason: reason.value };
    if (description.value) body.description = description.value;
    const movement = { kind: kind.value, ...body };
    runAction({
      button: submit, output,
      title: `${kind.value === 'credits' ? 'Credit' : 'Debit'} ${amount(value, wallet.currency)} ${kind.value === 'credits' ? 'to' : 'from'} ${context.account.username}?`,
      body: [h('p', {}, `Reason: ${body.reason}`), h('p', { class: 'hint' }, `Idempotency-Key ${keys.keyFor(movement)}`)],
      request: () => keys.send(movement, key =>
        api('POST', `/api/v1/admin/users/${context.id}/wallet/${kind.value}`, { body, idempotencyKey: key })),
      done: () => reload(),
    });
  });
  return h('div', { class: 'actions' }, h('h3', {}, 'Credit or debit'), form, output);
}

function reverseButton(context, line, keys, reload) {
  const button = h('button', { type: 'button', class: 'small reverse', 'data-operation': line.operation_id }, 'Reverse…');
  const reason = h('input', { required: true, maxlength: 64, value: 'mistake', 'aria-label': 'Reason code', id: 'reverse-reason' });
  button.addEventListener('click', () => {
    const output = document.getElementById('money-output') ?? document.getElementById('ledger');
    runAction({
      button, output,
      title: `Reverse the ${line.kind} #${line.sequence} of ${amount(line.amount, line.currency)}?`,
      body: [field('Reason code', reason)],
      request: () => {
        const body = { operation_id: line.operation_id, reason: reason.value };
        return keys.send({ kind: 'reversal', ...body }, key =>
          api('POST', `/api/v1/admin/users/${context.id}/wallet/reversals`, { body, idempotencyKey: key }));
      },
      done: () => reload(),
    });
  });
  return button;
}
