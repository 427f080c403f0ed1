import { ApiError } from './api.js';
import { h, replace } from './dom.js';

/** A problem+json body as the API sent it: title, detail, type, field errors and request id. */
export function problemView(error) {
  const problem = error instanceof ApiError ? error.problem : { title: 'Unexpected error', detail: String(error) };
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', { class: 'problem-title' }, `${problem.status ?? ''} ${problem.title ?? 'Error'}`.trim()),
    problem.detail ? h('p', { class: 'problem-detail' }, problem.detail) : null,
    Array.isArray(problem.errors) && problem.errors.length > 0
      ? h('ul', { class: 'problem-errors' }, problem.errors.map(field => h('li', {}, `${field.field}: ${field.message}`)))
      : null,
    problem.type ? h('p', { class: 'problem-type' }, h('code', {}, problem.type)) : null,
    problem.request_id ? h('p', { class: 'problem-request' }, `Request id ${problem.request_id}`) : null);
}

export function notice(text) {
  return h('p', { class: 'notice', role: 'status' }, text);
}

/** Asks in a modal dialog; resolves true only when the staff member confirms. */
export function confirmAction(title, ...body) {
  const dialog = document.getElementById('confirm');
  replace(document.getElementById('confirm-title'), title);
  replace(document.getElementById('confirm-body'), ...body);
  dialog.returnValue = '';
  dialog.showModal();
  document.getElementById('confirm-cancel').focus();
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

/**
 * Runs a confirmed change and shows its outcome in {@code output}: the problem detail when the API
 * refuses, else {@code done(result)}. The button stays disabled while the request runs.
 */
export async function runAction({ button, output, title, body = [], request, done }) {
  if (!await confirmAction(title, ...body)) return;
  if (button) button.disabled = true;
  replace(output, notice('Working…'));
  try {
    const result = await request();
    replace(output);
    await done?.(result);
  } catch (error) {
    replace(output, problemView(error));
  } finally {
    if (button) button.disabled = false;
  }
}

/** A section that loads on its own: a failure shows its problem there and leaves the rest of the page working. */
export function section(title, id, load) {
  const body = h('div', { class: 'section-body' }, notice('Loading…'));
  const element = h('section', { class: 'card', id: `section-${id}` }, h('h2', {}, title), body);
  const reload = async () => {
    try {
      replace(body, await load(reload));
    } catch (error) {
      replace(body, problemView(error));
    }
  };
  reload();
  return element;
}

export function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}
