package io.playerbase.domain.referral;

import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every redemption rule of docs/referrals.md, each on its own and in its order. */
class ReferralRulesTest {

    private static final Instant REGISTERED = Instant.parse("2026-05-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(14);
    private static final ReferralCode CODE = new ReferralCode("K7M2QX9P");

    private static ReferralAccount account(String name, ReferralAccount.Status status, boolean comp, String code,
                                           boolean disabled, String referredBy) {
        return new ReferralAccount(UserId.newId(REGISTERED), name, status, comp, REGISTERED, code, disabled, referredBy,
                0, 0, 0);
    }

    private static final ReferralAccount REFEREE = account("bob", ReferralAccount.Status.ACTIVE, false, "BOBCODE2", false, null);
    private static final ReferralAccount OWNER = account("ann", ReferralAccount.Status.ACTIVE, false, "K7M2QX9P", false, null);

    private static String code(DomainException e) {
        return e.code();
    }

    private static void redeem(ReferralAccount referee, boolean linked, Optional<ReferralAccount> owner, Instant now) {
        ReferralRules.checkRedemption(referee, linked, CODE, owner, now, WINDOW);
    }

    @Test
    void aNewAccountRedeemsAnActiveHumansCodeWithinTheWindow() {
        assertDoesNotThrow(() -> redeem(REFEREE, false, Optional.of(OWNER), REGISTERED.plus(WINDOW)));
    }

    @Test
    void aCodeIsRedeemedOnce() {
        assertEquals("referral-already-redeemed", code(assertThrows(RuleViolation.class,
                () -> redeem(REFEREE, true, Optional.of(OWNER), REGISTERED))));
        ReferralAccount legacyReferred = account("old", ReferralAccount.Status.ACTIVE, false, "OLDCODE2", false, "REF1A");
        assertEquals("referral-already-redeemed", code(assertThrows(RuleViolation.class,
                () -> redeem(legacyReferred, false, Optional.of(OWNER), REGISTERED))));
    }

    @Test
    void onlyWithinTheWindowAfterRegistration() {
        assertEquals("referral-window-closed", code(assertThrows(RuleViolation.class,
                () -> redeem(REFEREE, false, Optional.of(OWNER), REGISTERED.plus(WINDOW).plusMillis(1)))));
    }

    @Test
    void anAccountThatMayNotRedeemLearnsNothingAboutTheCode() {
        // Already referred or too old: the same answer whether the code exists or not.
        assertEquals("referral-already-redeemed", code(assertThrows(RuleViolation.class,
                () -> redeem(REFEREE, true, Optional.empty(), REGISTERED))));
        assertEquals("referral-window-closed", code(assertThrows(RuleViolation.class,
                () -> redeem(REFEREE, false, Optional.empty(), REGISTERED.plus(Duration.ofDays(30))))));
    }

    @Test
    void anUnknownCodeIsNotFound() {
        assertEquals("referral-code-unknown", code(assertThrows(NotFound.class,
                () -> redeem(REFEREE, false, Optional.empty(), REGISTERED))));
    }

    @Test
    void notOnesOwnCode() {
        ReferralAccount self = new ReferralAccount(REFEREE.id(), "bob", ReferralAccount.Status.ACTIVE, false, REGISTERED,
                "K7M2QX9P", false, null, 0, 0, 0);
        assertEquals("referral-own-code", code(assertThrows(RuleViolation.class,
                () -> redeem(REFEREE, false, Optional.of(self), REGISTERED))));
    }

    @Test
    void notADisabledCodeNorOneTheOwnerNoLongerHolds() {
        ReferralAccount disabled = account("ann", ReferralAccount.Status.ACTIVE, false, "K7M2QX9P", true, null);
        assertEquals("referral-code-disabled", code(assertThrows(RuleViolation.class,
                () -> redeem(REFEREE, false, Optional.of(disabled), REGISTERED))));
        ReferralAccount moved = account("ann", ReferralAccount.Status.ACTIVE, false, "NEWCODE2", false, null);
        assertEquals("referral-code-disabled", code(assertThrows(RuleViolation.class,
                () -> redeem(REFEREE, false, Optional.of(moved), REGISTERED))));
    }

    @Test
    void notAComputerPlayersCode() {
        ReferralAccount robot = account("robo", ReferralAccount.Status.ACTIVE, true, "K7M2QX9P", false, null);
        assertEquals("referrer-computer-player", code(assertThrows(RuleViolation.class,
                () -> redeem(REFEREE, false, Optional.of(robot), REGISTERED))));
    }

    @Test
    void theReferrerMustBeActive() {
        for (ReferralAccount.Status status : new ReferralAccount.Status[]{ReferralAccount.Status.SUSPENDED, ReferralAccount.Status.DELETED}) {
            ReferralAccount inactive = account("ann", status, false, "k7m2qx9p", false, null);
            assertEquals("referrer-inactive", code(assertThrows(RuleViolation.class,
                    () -> redeem(REFEREE, false, Optional.of(inactive), REGISTERED))), status.name());
        }
    }
}
