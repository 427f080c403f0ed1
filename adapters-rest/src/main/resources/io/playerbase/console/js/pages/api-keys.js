import { api, isAdmin } from '../api.js';
import { h, replace, table, when } from '../dom.js';
import { field, notice, problemView, runAction } from '../ui.js';

const SCOPES = ['matches:write', 'comp-players:read', 'users:read'];

export function apiKeysPage() {
  const list = h('div', { id: 'api-keys' });
  const output = h('div', { id: 'api-key-output', class: 'action-output' });
  const load = async () => {
    replace(list, notice('Loading…'));
    try {
      const page = await api('GET', '/api/v1/admin/api-keys?limit=100');
      replace(list, table([
        { title: 'Name', cell: key => key.name },
        { title: 'Id', cell: key => h('code', {}, key.id) },
        { title: 'Scopes', cell: key => key.scopes.join(', ') },
        { title: 'Created', cell: key => `${when(key.created_at)} by ${key.created_by}` },
        { title: 'State', cell: key => key.active ? 'active' : `revoked ${when(key.revoked_at)}` },
        { title: '', cell: key => key.active ? revokeButton(key, output, load) : '' },
      ], page.items, 'No API keys.'));
    } catch (error) {
      replace(list, problemView(error));
    }
  };
  load();
  return h('div', {},
    isAdmin() ? createForm(output, load) : null,
    h('section', { class: 'card' }, h('h1', {}, 'API keys'), output, list));
}

function createForm(output, load) {
  const name = h('input', { id: 'api-key-name', required: true, maxlength: 200 });
  const boxes = SCOPES.map(scope => h('input', { type: 'checkbox', value: scope }));
  const submit = h('button', { type: 'submit', id: 'api-key-create' }, 'Create key…');
  const form = h('form', { class: 'card filters', id: 'api-key-form' },
    h('h2', {}, 'New API key'), field('Name', name),
    h('div', { class: 'row' }, boxes.map(box => h('label', { class: 'check' }, box, ` ${box.value}`))), submit);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const scopes = boxes.filter(box => box.checked).map(box => box.value);
    runAction({
      button: submit, output,
      title: `Create the API key “${name.value}”?`,
      body: [h('p', {}, scopes.length ? `Scopes: ${scopes.join(', ')}` : 'No scopes: it authenticates but reaches no scoped endpoint.')],
      request: () => api('POST', '/api/v1/admin/api-keys', { body: { name: name.value, scopes } }),
      done: async created => {
        name.value = '';
        await load();
        // Shown once, here only: it is not kept by the console nor readable again from the API.
        replace(output, h('div', { class: 'secret', id: 'api-key-secret' },
          h('p', {}, h('strong', {}, 'Copy this key now; it will not be shown again.')),
          h('code', {}, created.api_key)));
      },
    });
  });
  return form;
}

function revokeButton(key, output, load) {
  const button = h('button', { type: 'button', class: 'small danger', 'data-key': key.id }, 'Revoke…');
  button.addEventListener('click', () => runAction({
    button, output,
    title: `Revoke the API key “${key.name}”?`,
    body: [h('p', {}, 'The next request made with it gets 401. This cannot be undone.')],
    request: () => api('DELETE', `/api/v1/admin/api-keys/${encodeURIComponent(key.id)}`),
    done: () => load(),
  }));
  return button;
}
