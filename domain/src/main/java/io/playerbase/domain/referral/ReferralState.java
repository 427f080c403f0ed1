package io.playerbase.domain.referral;

import java.util.Locale;

/**
 * Where a referral stands. {@code pending} until the referred account qualifies it; {@code qualified}
 * until its rewards are due (at once after a match, after the hold period after a purchase) and a
 * reward slot of the referrer is taken; {@code paying} while both sides are credited;
 * then {@code rewarded}. {@code cancelled}: the qualifying purchase was refunded before payment;
 * {@code unrewarded}: the referrer had no room left (the cap). {@code legacy}: a link the old system
 * made, kept for the record, never rewarded here.
 */
public enum ReferralState {
    PENDING, QUALIFIED, PAYING, REWARDED, CANCELLED, UNREWARDED, LEGACY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReferralState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
