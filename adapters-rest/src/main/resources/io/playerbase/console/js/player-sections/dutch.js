import { api } from '../api.js';
import { definitions, h, table, when } from '../dom.js';
import { problemView } from '../ui.js';

const MATCHES_SHOWN = 10;

export const dutchSection = {
  id: 'dutch',
  title: 'Dutch',
  async render(context) {
    const stats = await api('GET', `/api/v1/games/dutch/players/${context.id}/stats`);
    const dutch = context.account.modules?.dutch_game ?? {};
    const recent = (dutch.recent_match_ids ?? []).slice(-MATCHES_SHOWN).reverse();
    const matches = await Promise.all(recent.map(matchId =>
      api('GET', `/api/v1/games/dutch/matches/${encodeURIComponent(matchId)}`).catch(error => ({ match_id: matchId, error }))));
    return h('div', {},
      definitions([
        ['Wins / losses', `${stats.wins} / ${stats.losses}`],
        ['Matches', stats.total_matches],
        ['Points', stats.points],
        ['Win rate', `${(stats.win_rate * 100).toFixed(1)} %`],
        ['Level / rank', `${stats.level} / ${stats.rank}`],
        ['Coins', dutch.coins],
        ['Last match', when(stats.last_match_at)],
      ]),
      h('h3', {}, 'Recent matches'),
      table([
        { title: 'Match', cell: match => h('code', {}, match.match_id) },
        { title: 'Ended', cell: match => match.error ? problemView(match.error) : when(match.ended_at) },
        { title: 'Result', cell: match => line(match, context.id)?.result ?? '' },
        { title: 'Points', cell: match => line(match, context.id)?.points ?? '' },
        { title: 'Coins', cell: match => line(match, context.id)?.coins_delta ?? '' },
        { title: 'Players', cell: match => match.players?.length ?? '' },
      ], matches, 'No match reported yet.'));
  },
};

function line(match, userId) {
  return match.players?.find(player => player.user_id === userId);
}
