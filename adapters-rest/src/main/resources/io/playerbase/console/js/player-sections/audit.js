import { api } from '../api.js';
import { h, replace, table, when } from '../dom.js';
import { problemView } from '../ui.js';

export const auditSection = {
  id: 'audit',
  title: 'Audit history',
  async render(context) {
    const list = h('div', {});
    const more = h('button', { type: 'button', id: 'audit-more' }, 'Older entries');
    const rows = [];
    let cursor = null;
    const load = async () => {
      try {
        const page = await api('GET', `/api/v1/admin/users/${context.id}/audit?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        rows.push(...page.items);
        cursor = page.next_cursor;
        more.hidden = !cursor;
        replace(list, table([
          { title: 'When', cell: entry => when(entry.timestamp) },
          { title: 'Action', cell: entry => entry.action },
          { title: 'Module', cell: entry => entry.module ?? '' },
          { title: 'Fields', cell: entry => (entry.changed_fields ?? []).join(', ') },
          { title: 'Actor', cell: entry => `${entry.actor} (${entry.actor_role})` },
          { title: 'Request', cell: entry => h('code', {}, entry.request_id ?? '') },
        ], rows, 'No audit entries.'));
      } catch (error) {
        replace(list, problemView(error));
      }
    };
    more.addEventListener('click', load);
    await load();
    return h('div', {}, list, more);
  },
};
