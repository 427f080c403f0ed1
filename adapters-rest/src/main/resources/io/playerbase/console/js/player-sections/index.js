// The sections of a player's page, in order. A module's section is one file exporting
// { id, title, render(context, reload) → Node | Promise<Node>, appliesTo?(account) } and one line here
// (docs/console.md).
import { accountSection } from './account.js';
import { walletSection } from './wallet.js';
import { purchasesSection } from './purchases.js';
import { subscriptionSection } from './subscription.js';
import { dutchSection } from './dutch.js';
import { referralsSection } from './referrals.js';
import { modulesSection } from './modules.js';
import { auditSection } from './audit.js';

export const PLAYER_SECTIONS = [
  accountSection,
  walletSection,
  purchasesSection,
  subscriptionSection,
  dutchSection,
  referralsSection,
  modulesSection,
  auditSection,
];
