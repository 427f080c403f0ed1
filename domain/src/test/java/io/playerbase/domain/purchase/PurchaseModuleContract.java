package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What every {@link PurchaseModule} does: run on the in-memory fake, the embedded store and Testcontainers. */
public abstract class PurchaseModuleContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    protected PurchaseModule module;

    /** The module's port on an empty store, once per test. */
    protected abstract PurchaseModule createModule();

    /** Releases what {@link #createModule()} started. */
    protected void closeModule() {
    }

    /** A new user the way registration makes one (no purchases yet). */
    protected abstract UserId newUser();

    /** The user's stored {@code total_purchases}. */
    protected abstract long totalPurchases(UserId user);

    /** The user's stored {@code last_purchase_at}, null before the first purchase. */
    protected abstract Instant lastPurchaseAt(UserId user);

    /** The actions of the user's stored audit entries of this module, sorted. */
    protected abstract List<String> auditActions(UserId user);

    @BeforeEach
    void startModule() {
        module = createModule();
    }

    @AfterEach
    void stopModule() {
        closeModule();
    }

    private static AuditEntry audit(UserId user, String action, Instant at) {
        return AuditEntry.of(user, Actor.player(user, "req"), action, "in_app_purchases", List.of("total_purchases"), at);
    }

    @Test
    void countersOnlyRiseAndEachChangeIsAudited() {
        UserId user = newUser();
        assertEquals(0, totalPurchases(user));
        assertNull(lastPurchaseAt(user));

        module.noteCounters(user, 2, NOW, audit(user, "purchase.granted", NOW));
        module.noteCounters(user, 1, NOW.minusSeconds(60), audit(user, "purchase.granted", NOW.plusSeconds(1)));
        module.audit(audit(user, "purchase.refused", NOW.plusSeconds(2)));

        assertEquals(2, totalPurchases(user), "a late write does not lower the count");
        assertEquals(NOW, lastPurchaseAt(user), "nor the time");
        assertEquals(List.of("purchase.granted", "purchase.granted", "purchase.refused"), auditActions(user));
        module.noteCounters(user, 3, NOW.plusSeconds(90), audit(user, "purchase.granted", NOW.plusSeconds(3)));
        assertEquals(3, totalPurchases(user));
        assertEquals(NOW.plusSeconds(90), lastPurchaseAt(user));
    }

    @Test
    void usersAreCountedApart() {
        UserId ann = newUser();
        UserId bob = newUser();
        module.noteCounters(ann, 1, NOW, audit(ann, "purchase.granted", NOW));
        assertEquals(0, totalPurchases(bob));
        assertEquals(List.of(), auditActions(bob));
    }
}
