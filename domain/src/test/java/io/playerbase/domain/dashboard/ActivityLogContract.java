package io.playerbase.domain.dashboard;

import io.playerbase.domain.dashboard.ActivityLog.WalletMovement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What every {@link ActivityLog} answers (the in-memory fake, the embedded store, a real MongoDB): the
 * times of what happened in a window {@code [from, to)}, newest first, at most {@code limit}. The
 * activity gets in through the hooks, the way the other modules record it.
 */
public abstract class ActivityLogContract {

    /** The hour the tests look at. */
    protected static final Instant HOUR = Instant.parse("2026-12-04T10:00:00Z");
    protected static final ActivityWindow WINDOW = new ActivityWindow(HOUR, HOUR.plusSeconds(3600), Granularity.HOUR);

    protected ActivityLog log;

    /** A store without activity in {@link #WINDOW}, once per test. */
    protected abstract ActivityLog createLog();

    /** Releases what {@link #createLog()} started. */
    protected void closeLog() {
    }

    /** An account created at that time, a person's or a computer player's. */
    protected abstract void register(Instant at, boolean compPlayer);

    /** A Dutch match reported at that time, accepted (its results applied or being applied) or still being checked. */
    protected abstract void reportMatch(Instant at, boolean accepted);

    /** A store purchase recorded at that time. */
    protected abstract void recordPurchase(Instant at);

    /** Credits the amount (in CREDITS) at that time; returns the movement's operation id. */
    protected abstract String credit(Instant at, long amount);

    /** Debits the amount at that time (after enough credits); returns the movement's operation id. */
    protected abstract String debit(Instant at, long amount);

    /** Reverses the movement of that operation id at that time. */
    protected abstract void reverse(Instant at, String operationId);

    @BeforeEach
    void startLog() {
        log = createLog();
    }

    @AfterEach
    void stopLog() {
        closeLog();
    }

    @Test
    void registrationsOfPeopleInTheWindowNewestFirstUpToTheLimit() {
        register(HOUR.minusMillis(1), false);
        register(HOUR, false);
        register(HOUR.plusSeconds(60), false);
        register(HOUR.plusSeconds(120), true);
        register(HOUR.plusSeconds(3599), false);
        register(HOUR.plusSeconds(3600), false);

        assertEquals(List.of(HOUR.plusSeconds(3599), HOUR.plusSeconds(60), HOUR), log.registrations(WINDOW, 10),
                "from included, to excluded, computer players left out");
        assertEquals(List.of(HOUR.plusSeconds(3599), HOUR.plusSeconds(60)), log.registrations(WINDOW, 2));
    }

    @Test
    void onlyAcceptedMatchesCount() {
        reportMatch(HOUR.plusSeconds(10), true);
        reportMatch(HOUR.plusSeconds(20), false);
        reportMatch(HOUR.plusSeconds(30), true);
        reportMatch(HOUR.minusSeconds(30), true);

        assertEquals(List.of(HOUR.plusSeconds(30), HOUR.plusSeconds(10)), log.matchesReported(WINDOW, 10));
        assertEquals(List.of(HOUR.plusSeconds(30)), log.matchesReported(WINDOW, 1));
    }

    @Test
    void purchasesRecordedInTheWindowNewestFirstUpToTheLimit() {
        recordPurchase(HOUR.minusMillis(1));
        recordPurchase(HOUR.plusSeconds(5));
        recordPurchase(HOUR.plusSeconds(50));
        recordPurchase(HOUR.plusSeconds(3600));

        assertEquals(List.of(HOUR.plusSeconds(50), HOUR.plusSeconds(5)), log.purchasesRecorded(WINDOW, 10));
        assertEquals(List.of(HOUR.plusSeconds(50)), log.purchasesRecorded(WINDOW, 1));
    }

    @Test
    void walletMovementsSayWhetherTheyAddToTheBalance() {
        String funding = credit(HOUR.minusSeconds(60), 1000);
        String debit = debit(HOUR.plusSeconds(10), 300);
        credit(HOUR.plusSeconds(20), 50);
        reverse(HOUR.plusSeconds(30), debit);
        reverse(HOUR.plusSeconds(40), funding);

        assertEquals(List.of(
                        new WalletMovement(HOUR.plusSeconds(40), "CREDITS", 1000, false),
                        new WalletMovement(HOUR.plusSeconds(30), "CREDITS", 300, true),
                        new WalletMovement(HOUR.plusSeconds(20), "CREDITS", 50, true),
                        new WalletMovement(HOUR.plusSeconds(10), "CREDITS", 300, false)),
                log.walletMovements(WINDOW, 10), "a reversal moves the other way from the entry it undoes");
        assertEquals(2, log.walletMovements(WINDOW, 2).size());
    }
}
