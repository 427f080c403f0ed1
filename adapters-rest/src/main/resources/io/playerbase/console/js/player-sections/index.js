// The sections of a player's page, in order. A module's section is one file exporting
// { id, title, render(context, reload) → Node | Promise<Node>, appliesTo?(account) } and one line here
// (the subscription goes here once its staff endpoints exist; docs/console.md).
import { accountSection } from './account.js';
import { walletSection } from './wallet.js';
import { purchasesSection } from './purchases.js';
import { dutchSection } from './dutch.js';
import { referralsSection } from './referrals.js';
import { modulesSection } from './modules.js';
import { auditSection } from './audit.js';

export const PLAYER_SECTIONS = [
  accountSection,
  walletSection,
  purchasesSection,
  dutchSection,
  referralsSection,
  modulesSection,
  auditSection,
];
