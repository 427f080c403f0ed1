import { api, isAdmin } from '../api.js';
import { h, replace, table } from '../dom.js';
import { field, notice, problemView, runAction } from '../ui.js';

export function compPlayersPage() {
  const list = h('div', { id: 'comp-players' });
  const output = h('div', { id: 'comp-player-output', class: 'action-output' });
  const load = async () => {
    replace(list, notice('Loading…'));
    try {
      const page = await api('POST', '/api/v1/admin/users/search', { body: { is_comp_player: true, limit: 200 } });
      replace(list, table([
        { title: 'Username', cell: user => h('a', { href: `#/players/${user.id}` }, user.username) },
        { title: 'Status', cell: user => h('span', { class: `badge ${user.status}` }, user.status) },
        { title: '', cell: user => isAdmin() && user.status !== 'deleted' ? statusButton(user, output, load) : '' },
      ], page.items, 'No computer players.'));
    } catch (error) {
      replace(list, problemView(error));
    }
  };
  load();
  return h('div', {},
    isAdmin() ? addForm(output, load) : null,
    h('section', { class: 'card' }, h('h1', {}, 'Computer players'), output, list));
}

function addForm(output, load) {
  const username = h('input', { id: 'comp-player-username', required: true, maxlength: 64 });
  const submit = h('button', { type: 'submit', id: 'comp-player-add' }, 'Add…');
  const form = h('form', { class: 'card filters' }, h('h2', {}, 'Add a computer player'), field('Username', username), submit);
  form.addEventListener('submit', event => {
    event.preventDefault();
    runAction({
      button: submit, output,
      title: `Add the computer player ${username.value}?`,
      body: [h('p', {}, 'It starts active with 1000 coins.')],
      request: () => api('POST', '/api/v1/admin/comp-players', { body: { username: username.value } }),
      done: () => { username.value = ''; return load(); },
    });
  });
  return form;
}

function statusButton(user, output, load) {
  const suspend = user.status === 'active';
  const button = h('button', { type: 'button', class: suspend ? 'small danger' : 'small' }, suspend ? 'Suspend…' : 'Reinstate…');
  button.addEventListener('click', () => runAction({
    button, output,
    title: `${suspend ? 'Suspend' : 'Reinstate'} ${user.username}?`,
    body: [h('p', {}, suspend ? 'Game servers stop getting it for tables.' : 'Game servers may pick it again.')],
    request: () => api('POST', `/api/v1/admin/comp-players/${user.id}/${suspend ? 'suspend' : 'reinstate'}`),
    done: () => load(),
  }));
  return button;
}
