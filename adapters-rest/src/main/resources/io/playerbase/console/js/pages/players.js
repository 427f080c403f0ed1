import { api } from '../api.js';
import { h, replace, table, when } from '../dom.js';
import { field, notice, problemView } from '../ui.js';

const PAGE_SIZE = 25;

// The last search of this tab, in memory only: criteria never go into the URL.
const state = { criteria: {}, cursors: [null], page: 0, result: null };

export function playersPage() {
  const email = h('input', { id: 'search-email', type: 'email', maxlength: 320, autocomplete: 'off', value: state.criteria.email ?? '' });
  const username = h('input', { id: 'search-username', maxlength: 64, autocomplete: 'off', value: state.criteria.username ?? '' });
  const status = h('select', { id: 'search-status' }, ['', 'active', 'suspended', 'deleted'].map(value =>
    h('option', { value, selected: (state.criteria.status ?? '') === value }, value || 'any')));
  const comp = h('select', { id: 'search-comp' }, [['', 'any'], ['true', 'computer players only'], ['false', 'people only']].map(([value, label]) =>
    h('option', { value, selected: String(state.criteria.is_comp_player ?? '') === value }, label)));
  const results = h('div', { id: 'search-results' });

  const form = h('form', { class: 'filters', id: 'search-form' },
    field('Exact email', email), field('Exact username', username), field('Status', status), field('Accounts', comp),
    h('button', { type: 'submit', id: 'search-submit' }, 'Search'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    state.criteria = {
      email: email.value.trim() || null,
      username: username.value.trim() || null,
      status: status.value || null,
      is_comp_player: comp.value === '' ? null : comp.value === 'true',
    };
    state.cursors = [null];
    state.page = 0;
    load(results);
  });

  if (state.result) show(results);
  else load(results);
  return h('section', { class: 'card' },
    h('h1', {}, 'Players'),
    h('p', { class: 'hint' }, 'Email and username match exactly (case and spacing aside), through the blind index.'),
    form, results);
}

async function load(results) {
  replace(results, notice('Searching…'));
  try {
    state.result = await api('POST', '/api/v1/admin/users/search',
      { body: { ...state.criteria, cursor: state.cursors[state.page], limit: PAGE_SIZE } });
    show(results);
  } catch (error) {
    state.result = null;
    replace(results, problemView(error));
  }
}

function show(results) {
  const { items, next_cursor: next } = state.result;
  const previousButton = h('button', { type: 'button', id: 'page-previous', disabled: state.page === 0 }, '← Newer');
  const nextButton = h('button', { type: 'button', id: 'page-next', disabled: !next }, 'Older →');
  previousButton.addEventListener('click', () => { state.page -= 1; load(results); });
  nextButton.addEventListener('click', () => {
    state.cursors[state.page + 1] = next;
    state.page += 1;
    load(results);
  });
  replace(results,
    table([
      { title: 'Username', cell: user => h('a', { href: `#/players/${user.id}`, class: 'player-link' }, user.username) },
      { title: 'Email', cell: user => user.email ?? '—' },
      { title: 'Status', cell: user => h('span', { class: `badge ${user.status}` }, user.status) },
      { title: 'Computer', cell: user => user.is_comp_player ? 'yes' : '' },
      { title: 'Roles', cell: user => user.roles.filter(role => role !== 'player').join(', ') },
      { title: 'Created', cell: user => when(user.created_at) },
    ], items, 'No account matches.'),
    h('div', { class: 'pager' }, previousButton, h('span', {}, `Page ${state.page + 1}`), nextButton));
}
