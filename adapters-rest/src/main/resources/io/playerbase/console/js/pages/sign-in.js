import { signIn } from '../api.js';
import { h, replace } from '../dom.js';
import { field, problemView } from '../ui.js';

export function signInPage(onSignedIn) {
  const login = h('input', { id: 'sign-in-login', name: 'login', autocomplete: 'username', required: true, maxlength: 320 });
  const password = h('input', { id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const output = h('div', { id: 'sign-in-output' });
  const form = h('form', { class: 'card narrow', id: 'sign-in' },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'With a support or admin account. Support sees everything read-only; admins may also change things.'),
    field('Email or username', login),
    field('Password', password),
    h('button', { type: 'submit', id: 'sign-in-submit' }, 'Sign in'),
    output);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    replace(output);
    try {
      await signIn(login.value, password.value);
      password.value = '';
      onSignedIn();
    } catch (error) {
      password.value = '';
      replace(output, problemView(error));
    }
  });
  return form;
}
