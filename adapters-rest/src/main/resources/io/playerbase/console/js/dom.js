// Builds DOM nodes. Text is always set as text (textContent / text nodes), never parsed as HTML,
// so nothing the API returns can become markup or script.

export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function table(columns, rows, emptyText = 'Nothing yet.') {
  if (rows.length === 0) return h('p', { class: 'empty' }, emptyText);
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map(column => h('th', { scope: 'col' }, column.title)))),
    h('tbody', {}, rows.map(row => h('tr', {}, columns.map(column => h('td', {}, column.cell(row)))))));
}

export function definitions(pairs) {
  return h('dl', { class: 'facts' }, pairs.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')]));
}

export function when(instant) {
  if (!instant) return '—';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function amount(minorUnits, currency) {
  return `${Number(minorUnits).toLocaleString('en')} ${currency ?? ''}`.trim();
}
