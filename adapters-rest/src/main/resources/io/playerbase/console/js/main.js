import { isAdmin, session, signOut } from './api.js';
import { h, replace } from './dom.js';
import { problemView } from './ui.js';
import { signInPage } from './pages/sign-in.js';
import { dashboardPage } from './pages/dashboard.js';
import { playersPage } from './pages/players.js';
import { playerPage } from './pages/player.js';
import { apiKeysPage } from './pages/api-keys.js';
import { compPlayersPage } from './pages/comp-players.js';
import { productsPage } from './pages/products.js';

// Routes carry ids only (a user id is not personal data); search criteria stay in memory.
const ROUTES = [
  [/^#\/dashboard$/, () => dashboardPage()],
  [/^#\/players$/, () => playersPage()],
  [/^#\/players\/([0-9a-f]{24})$/, id => playerPage(id)],
  [/^#\/comp-players$/, () => compPlayersPage()],
  [/^#\/products$/, () => productsPage()],
  [/^#\/api-keys$/, () => apiKeysPage()],
];

const main = document.getElementById('main');

function chrome() {
  const current = session();
  const nav = document.getElementById('nav');
  nav.hidden = !current;
  for (const link of nav.querySelectorAll('[data-admin-only]')) link.hidden = !isAdmin();
  for (const link of nav.querySelectorAll('a')) {
    link.classList.toggle('active', location.hash.startsWith(`#/${link.dataset.nav}`));
  }
  replace(document.getElementById('whoami'), current
    ? `${current.username} · ${current.roles.filter(role => role !== 'player').join(', ')}${isAdmin() ? '' : ' (read-only)'}`
    : '');
  document.getElementById('sign-out').hidden = !current;
}

async function render() {
  chrome();
  if (!session()) {
    replace(main, signInPage(() => { location.hash = '#/dashboard'; render(); }));
    return;
  }
  const route = ROUTES.find(([pattern]) => pattern.test(location.hash));
  if (!route) {
    location.replace('#/dashboard');
    return;
  }
  try {
    replace(main, await route[1](...location.hash.match(route[0]).slice(1)));
  } catch (error) {
    replace(main, h('section', { class: 'card' }, problemView(error)));
  }
  main.focus({ preventScroll: true });
}

document.getElementById('sign-out').addEventListener('click', () => { signOut(); location.hash = ''; render(); });
window.addEventListener('hashchange', render);
window.addEventListener('console:signed-out', render);
render();
