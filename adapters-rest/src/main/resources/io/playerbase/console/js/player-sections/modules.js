import { definitions, h } from '../dom.js';

/** Every module document as stored for this account, generically (the sections above interpret some of them). */
export const modulesSection = {
  id: 'modules',
  title: 'Modules',
  render(context) {
    const modules = Object.entries(context.account.modules ?? {});
    if (modules.length === 0) return h('p', { class: 'empty' }, 'No module data.');
    return h('div', { class: 'modules' }, modules.map(([name, fields]) => h('details', {},
      h('summary', {}, name),
      definitions(Object.entries(fields ?? {}).map(([key, value]) => [key, format(value)])))));
  },
};

function format(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return h('code', {}, JSON.stringify(value));
  return String(value);
}
