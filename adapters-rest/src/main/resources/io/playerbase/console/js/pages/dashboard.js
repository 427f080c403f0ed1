import { api } from '../api.js';
import { h, replace, table } from '../dom.js';
import { timeChart } from '../charts.js';
import { notice, problemView } from '../ui.js';

let granularity = 'hour';

export function dashboardPage() {
  const charts = h('div', { class: 'grid', id: 'dashboard-charts' });
  const picker = h('select', { id: 'granularity' },
    h('option', { value: 'hour', selected: granularity === 'hour' }, 'last 48 hours, per hour'),
    h('option', { value: 'day', selected: granularity === 'day' }, 'last 30 days, per day'));
  picker.addEventListener('change', () => { granularity = picker.value; draw(charts); });
  draw(charts);
  return h('div', {},
    h('section', { class: 'card' }, h('h1', {}, 'Dashboard'), h('label', { class: 'field inline' }, h('span', {}, 'Period'), picker)),
    charts);
}

function draw(charts) {
  replace(charts,
    card('Registrations', 'chart-registrations', () => counts('registrations', 'accounts')),
    card('Matches reported', 'chart-matches', () => counts('matches', 'matches')),
    card('Wallet volume', 'chart-wallet', volume),
    card('Purchases', 'chart-purchases', () => counts('purchases', 'purchases')),
    card('Leaderboard top 10 (points)', 'leaderboard', leaderboard));
}

function card(title, id, load) {
  const body = h('div', {}, notice('Loading…'));
  load().then(node => replace(body, node), error => replace(body, problemView(error)));
  return h('section', { class: 'card', id: `${id}-card` }, h('h2', {}, title), body);
}

function coverage(series) {
  return series.complete ? null
    : h('p', { class: 'hint' }, `More activity than one chart reads: buckets before ${series.covered_from} are partial.`);
}

async function counts(path, label) {
  const series = await api('GET', `/api/v1/admin/dashboard/${path}?granularity=${granularity}`);
  return h('div', {},
    h('p', { class: 'total' }, `${series.total} ${label}`),
    timeChart({ id: `chart-${path}`, starts: series.buckets.map(bucket => bucket.start),
      series: [{ label, values: series.buckets.map(bucket => bucket.count) }] }),
    coverage(series));
}

async function volume() {
  const series = await api('GET', `/api/v1/admin/dashboard/wallet-volume?granularity=${granularity}`);
  if (series.currencies.length === 0) return h('div', {}, h('p', { class: 'total' }, '0 transactions'));
  return h('div', {},
    h('p', { class: 'total' }, `${series.transactions} transactions`),
    series.currencies.map(currency => h('div', {},
      h('h3', {}, currency.currency),
      timeChart({ id: `chart-wallet-${currency.currency}`, starts: currency.buckets.map(bucket => bucket.start), series: [
        { label: 'credited', values: currency.buckets.map(bucket => bucket.credited) },
        { label: 'debited', values: currency.buckets.map(bucket => bucket.debited) }] }))),
    coverage(series));
}

async function leaderboard() {
  const board = await api('GET', '/api/v1/games/dutch/leaderboard?by=points&limit=10&include_comp_players=true');
  const top = Math.max(1, ...board.entries.map(entry => entry.player.points));
  return table([
    { title: '#', cell: entry => entry.rank },
    { title: 'Player', cell: entry => h('a', { href: `#/players/${entry.player.user_id}` }, entry.player.username) },
    { title: 'Points', cell: entry => entry.player.points },
    { title: '', cell: entry => meter(entry.player.points / top) },
    { title: 'W/L', cell: entry => `${entry.player.wins}/${entry.player.losses}` },
    { title: 'Computer', cell: entry => entry.player.is_comp_player ? 'yes' : '' },
  ], board.entries, 'No one has played yet.');
}

function meter(fraction) {
  const bar = h('span', { class: 'bar' });
  bar.style.width = `${Math.round(Math.max(0, fraction) * 100)}%`;
  return h('span', { class: 'meter' }, bar);
}
