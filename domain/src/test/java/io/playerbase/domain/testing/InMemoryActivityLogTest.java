package io.playerbase.domain.testing;

import io.playerbase.domain.dashboard.ActivityLog;
import io.playerbase.domain.dashboard.ActivityLog.WalletMovement;
import io.playerbase.domain.dashboard.ActivityLogContract;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The dashboard's fake keeps the same contract as the Mongo adapter. */
class InMemoryActivityLogTest extends ActivityLogContract {

    private InMemoryActivityLog fake;
    private final Map<String, WalletMovement> byOperation = new HashMap<>();

    @Override
    protected ActivityLog createLog() {
        fake = new InMemoryActivityLog();
        return fake;
    }

    @Override
    protected void register(Instant at, boolean compPlayer) {
        fake.register(at, compPlayer);
    }

    @Override
    protected void reportMatch(Instant at, boolean accepted) {
        fake.reportMatch(at, accepted);
    }

    @Override
    protected void recordPurchase(Instant at) {
        fake.recordPurchase(at);
    }

    private String move(Instant at, long amount, boolean adds) {
        String operation = UUID.randomUUID().toString();
        WalletMovement movement = new WalletMovement(at, "CREDITS", amount, adds);
        byOperation.put(operation, movement);
        fake.move(movement);
        return operation;
    }

    @Override
    protected String credit(Instant at, long amount) {
        return move(at, amount, true);
    }

    @Override
    protected String debit(Instant at, long amount) {
        return move(at, amount, false);
    }

    @Override
    protected void reverse(Instant at, String operationId) {
        WalletMovement original = byOperation.get(operationId);
        move(at, original.amount(), !original.addsToBalance());
    }
}
