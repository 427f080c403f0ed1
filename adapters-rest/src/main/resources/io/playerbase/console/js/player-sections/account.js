import { api, isAdmin } from '../api.js';
import { definitions, h, replace, when } from '../dom.js';
import { runAction } from '../ui.js';

const STAFF_ROLES = ['support', 'admin'];

export const accountSection = {
  id: 'account',
  title: 'Account',
  render(context) {
    const account = context.account;
    const facts = definitions([
      ['Id', h('code', {}, account.id)],
      ['Username', account.username],
      ['Email', account.email],
      ['Status', account.status],
      ['Computer player', account.is_comp_player ? 'yes' : 'no'],
      ['Roles', account.roles.join(', ')],
      ['Phone', account.phone],
      ['Address', account.address],
      ['Created', when(account.created_at)],
      ['Updated', when(account.updated_at)],
    ]);
    return h('div', {}, facts, isAdmin() && account.status !== 'deleted' ? actions(context) : null);
  },
};

function actions(context) {
  const account = context.account;
  const output = h('div', { class: 'action-output', id: 'account-output' });
  const suspended = account.status === 'suspended';
  const statusButton = h('button', { type: 'button', id: suspended ? 'reinstate' : 'suspend', class: suspended ? '' : 'danger' },
    suspended ? 'Reinstate' : 'Suspend');
  statusButton.addEventListener('click', () => runAction({
    button: statusButton, output,
    title: suspended ? `Reinstate ${account.username}?` : `Suspend ${account.username}?`,
    body: [h('p', {}, suspended ? 'The account can log in again.' : 'The account cannot log in, and its tokens stop working with its next request.')],
    request: () => api('POST', `/api/v1/admin/users/${account.id}/${suspended ? 'reinstate' : 'suspend'}`),
    done: () => context.reloadPage(),
  }));

  const boxes = STAFF_ROLES.map(role => h('input', { type: 'checkbox', value: role, id: `role-${role}`, checked: account.roles.includes(role) }));
  const rolesButton = h('button', { type: 'button', id: 'save-roles' }, 'Save roles');
  rolesButton.addEventListener('click', () => {
    const roles = boxes.filter(box => box.checked).map(box => box.value);
    runAction({
      button: rolesButton, output,
      title: `Set the staff roles of ${account.username}?`,
      body: [h('p', {}, roles.length ? `Roles: ${roles.join(', ')} (player always stays).` : 'No staff role: a player only.')],
      request: () => api('PUT', `/api/v1/admin/users/${account.id}/roles`, { body: { roles } }),
      done: () => context.reloadPage(),
    });
  });
  return h('div', { class: 'actions' },
    h('h3', {}, 'Actions'),
    h('div', { class: 'row' }, statusButton),
    account.is_comp_player ? null : h('div', { class: 'row' },
      boxes.map(box => h('label', { class: 'check' }, box, ` ${box.value}`)), rolesButton),
    output);
}

