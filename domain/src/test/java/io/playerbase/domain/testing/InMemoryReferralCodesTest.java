package io.playerbase.domain.testing;

import io.playerbase.domain.referral.ReferralCodes;
import io.playerbase.domain.referral.ReferralCodesContract;

class InMemoryReferralCodesTest extends ReferralCodesContract {

    @Override
    protected ReferralCodes createCodes() {
        return new InMemoryReferralCodes();
    }
}
