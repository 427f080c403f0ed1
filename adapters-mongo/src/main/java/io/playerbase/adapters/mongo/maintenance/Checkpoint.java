package io.playerbase.adapters.mongo.maintenance;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pass's position and totals, as stored in {@code encryption_state}: the phase, the last {@code _id}
 * done in it, and counters that keep adding up across resumed and repeated sweeps. Every count also
 * goes to its process-wide meter (if any).
 */
final class Checkpoint {

    static final String KEYS_REWRAPPED = "keys_rewrapped";
    static final String VALUES_REENCRYPTED = "values_reencrypted";
    static final String LEGACY_ENCRYPTED = "legacy_encrypted";
    static final String LEGACY_REMAINING = "legacy_remaining";
    static final String CONFLICTS_DEFERRED = "conflicts_deferred";
    static final String INDEX_ENTRIES_UPDATED = "index_entries_updated";
    static final String LEGACY_USERS_UNINDEXED = "legacy_users_unindexed";

    private final Document stored;

    Checkpoint(Document stored) {
        this.stored = stored;
    }

    static Checkpoint fresh(String id, String primaryKeyId, String indexKeys, String firstPhase) {
        return new Checkpoint(new Document("_id", id).append("primary_key_id", primaryKeyId)
                .append("index_keys", indexKeys)
                .append("status", "running").append("phase", firstPhase).append("last_id", null)
                .append(KEYS_REWRAPPED, 0L).append(VALUES_REENCRYPTED, 0L).append(LEGACY_ENCRYPTED, 0L)
                .append(LEGACY_REMAINING, 0L).append(CONFLICTS_DEFERRED, 0L).append("started_at", new Date())
                .append("finished_at", null));
    }

    Document document() {
        return stored;
    }

    String status() {
        return stored.getString("status");
    }

    String phase() {
        return stored.getString("phase");
    }

    Object lastId() {
        return stored.get("last_id");
    }

    boolean isFor(String primaryKeyId, String indexKeys) {
        return primaryKeyId.equals(stored.getString("primary_key_id")) && indexKeys.equals(stored.getString("index_keys"));
    }

    /** A new sweep of every phase, from the first, keeping the totals. */
    void restart(String firstPhase) {
        stored.put("status", "running");
        enter(firstPhase);
    }

    void enter(String phase) {
        stored.put("phase", phase);
        stored.put("last_id", null);
    }

    void done(String phase, Object lastId) {
        stored.put("phase", phase);
        stored.put("last_id", lastId);
    }

    void finish(boolean clean) {
        stored.put("status", clean ? "finished" : "incomplete");
        stored.put("finished_at", new Date());
    }

    void count(String field, AtomicLong meter) {
        add(field, 1, meter);
    }

    void add(String field, long amount, AtomicLong meter) {
        stored.put(field, number(field) + amount);
        if (meter != null) {
            meter.addAndGet(amount);
        }
    }

    long number(String field) {
        return stored.get(field) instanceof Number number ? number.longValue() : 0L;
    }

    Instant instant(String field) {
        Date date = stored.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
