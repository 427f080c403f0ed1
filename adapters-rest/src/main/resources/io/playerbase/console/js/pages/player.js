import { api } from '../api.js';
import { h } from '../dom.js';
import { section } from '../ui.js';
import { PLAYER_SECTIONS } from '../player-sections/index.js';

/**
 * A player's page: the account is read once and handed to every section of PLAYER_SECTIONS, each of
 * which loads the rest of what it shows on its own (a failing section leaves the others working).
 */
export async function playerPage(id) {
  const account = await api('GET', `/api/v1/admin/users/${id}`);
  const context = { id, account, reloadPage: () => window.dispatchEvent(new Event('hashchange')) };
  return h('div', { class: 'player', id: 'player-page' },
    h('p', {}, h('a', { href: '#/players' }, '← Players')),
    h('h1', {}, account.username, ' ', h('span', { class: `badge ${account.status}`, id: 'player-status' }, account.status)),
    PLAYER_SECTIONS
      .filter(entry => entry.appliesTo?.(account) ?? true)
      .map(entry => section(entry.title, entry.id, reload => entry.render(context, reload))));
}
