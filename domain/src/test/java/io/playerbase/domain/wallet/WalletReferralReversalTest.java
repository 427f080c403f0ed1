package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A referral reward is reversed by the referral module only (docs/wallet.md, docs/referrals.md). */
class WalletReferralReversalTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private static Movement movement(String operationId, TransactionSource source) {
        return new Movement(new OperationId(operationId), new ReasonCode("referral_reward"), null, source, Actor.system("r"));
    }

    @Test
    void onlyAReversalFromTheReferralModuleUndoesAReferralReward() {
        Wallet wallet = Wallet.open(new UserId("650000000000000000000001"), new Currency("CREDITS"), 0);
        LedgerEntry reward = wallet.credit(new Amount(500), movement("referral:x:referrer", TransactionSource.REFERRAL), NOW);
        OperationId reversal = reward.operationId().reversal();

        RuleViolation byAdmin = assertThrows(RuleViolation.class,
                () -> wallet.reverse(reward, movement(reversal.value(), TransactionSource.ADMIN), NOW));
        assertEquals("not-reversible", byAdmin.code());
        assertEquals(500, wallet.balance(), "nothing moved");

        LedgerEntry undone = wallet.reverse(reward, movement(reversal.value(), TransactionSource.REFERRAL), NOW);
        assertEquals(TransactionKind.REVERSAL, undone.kind());
        assertEquals(0, wallet.balance());
    }
}
