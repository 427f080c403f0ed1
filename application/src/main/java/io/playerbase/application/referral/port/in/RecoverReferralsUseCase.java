package io.playerbase.application.referral.port.in;

public interface RecoverReferralsUseCase {

    /**
     * Completes what crashes and timing left (docs/referrals.md): assigns codes to accounts without one,
     * and runs every referral whose work is due (links, due rewards, payments and reversals under way).
     *
     * @return how many accounts and referrals it handled
     */
    int recover();
}
