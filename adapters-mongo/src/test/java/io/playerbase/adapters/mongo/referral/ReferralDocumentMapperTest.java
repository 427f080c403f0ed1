package io.playerbase.adapters.mongo.referral;

import io.playerbase.domain.referral.Qualification;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.Side;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The referral document without a database: every state round-trips, and {@code work_at} is derived. */
class ReferralDocumentMapperTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00.123Z");
    private static final UserId ANN = new UserId("650000000000000000000001");
    private static final UserId BOB = new UserId("650000000000000000000002");

    @Test
    void aReferralInEveryStepComesBackAsItWas() {
        Referral referral = Referral.redeem(BOB, ANN, new ReferralCode("K7M2QX9P"), NOW);
        assertRoundTrip(referral);
        referral.markLinked(NOW);
        referral.qualify(new Qualification(Qualification.Kind.PURCHASE, "660000000000000000000001", NOW), 500, 200,
                Duration.ofDays(14), NOW);
        assertRoundTrip(referral);
        referral.startPaying(NOW.plus(Duration.ofDays(14)));
        referral.completePayment(Optional.of("account-deleted"), Optional.empty(), NOW.plus(Duration.ofDays(14)));
        referral.requestReversal(Side.REFEREE, "fraud", "Self-referral", Actor.system("req"), NOW.plus(Duration.ofDays(15)));
        assertRoundTrip(referral);
        referral.completeReversal(Side.REFEREE, NOW.plus(Duration.ofDays(15)));
        assertRoundTrip(referral);
    }

    @Test
    void theStoredShapeNamesItsFieldsPlainly() {
        Referral referral = Referral.redeem(BOB, ANN, new ReferralCode("K7M2QX9P"), NOW);
        referral.markLinked(NOW);
        referral.qualify(new Qualification(Qualification.Kind.MATCH, "m-1", NOW), 500, 0, Duration.ofDays(14), NOW);
        Document stored = ReferralDocumentMapper.toDocument(referral);
        assertEquals(new ObjectId(BOB.value()), stored.get("_id"));
        assertEquals(new ObjectId(ANN.value()), stored.get("referrer_id"));
        assertEquals("qualified", stored.get("state"));
        assertEquals(Date.from(NOW), stored.get("work_at"), "due at once: a match has no hold");
        assertEquals("none", stored.get("referee_reward", Document.class).get("state"));
        assertEquals(500L, stored.get("referrer_reward", Document.class).get("amount"));
        referral.leaveUnrewarded("cap-reached", NOW);
        assertNull(ReferralDocumentMapper.toDocument(referral).get("work_at"), "nothing left to do");
    }

    private static void assertRoundTrip(Referral referral) {
        Document stored = ReferralDocumentMapper.toDocument(referral);
        assertEquals(referral.storedState(), ReferralDocumentMapper.toDomain(stored).storedState());
    }
}
