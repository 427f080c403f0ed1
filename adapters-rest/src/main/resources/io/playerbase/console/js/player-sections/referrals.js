import { definitions, h } from '../dom.js';

export const referralsSection = {
  id: 'referrals',
  title: 'Referrals',
  render(context) {
    const referrals = context.account.modules?.referrals;
    if (!referrals) return h('p', { class: 'empty' }, 'No referrals module on this account.');
    return definitions([
      ['Referral code', referrals.referral_code],
      ['Referred by', referrals.referred_by ? h('a', { href: `#/players/${referrals.referred_by}` }, referrals.referred_by) : null],
      ['Referrals', referrals.referral_count],
      ['Rewards earned', referrals.rewards_earned],
    ]);
  },
};
