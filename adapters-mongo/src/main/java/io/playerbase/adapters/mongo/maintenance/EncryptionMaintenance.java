package io.playerbase.adapters.mongo.maintenance;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.adapters.mongo.support.ProgressListener;
import io.playerbase.adapters.mongo.user.EncryptionStoreSettings;
import io.playerbase.adapters.mongo.user.SensitiveFields;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.UniqueClaims;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * The re-encryption pass: brings every stored value under the current keys, in batches, while the
 * service runs, one phase per collection: {@link DataKeyRewrap} ({@code user_keys}), {@link PersonalFields}
 * ({@code users}), then {@link ServiceKeyValues} for the ledger ({@code wallet_transactions}) and the
 * stored Idempotency-Key responses ({@code idempotency_keys}).
 *
 * <p>Each document is rewritten with a conditional update on the exact values read, so a concurrent
 * change is never overwritten (the value is simply taken by the next pass). {@link BatchSweep} saves the
 * position in {@code encryption_state} after every batch: an interrupted pass resumes there. A pass is
 * idempotent: running it again when everything is current changes nothing.
 */
@Singleton
public final class EncryptionMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(EncryptionMaintenance.class);
    private static final int MAX_PASSES = 5;
    private static final List<String> LEDGER_FIELDS = List.of("amount", "balance_after", "description", "salt");

    private final BatchSweep sweep;
    private final List<Phase> phases;
    private final BlindIndex blindIndex;
    private final String primaryKeyId;
    private volatile boolean running;

    EncryptionMaintenance(MongoDatabase database, PersonalDataKeys dataKeys, FieldCipher serviceCipher,
                          BlindIndex blindIndex, SensitiveFields sensitive, EncryptionStoreSettings settings,
                          @Nullable MeterRegistry meterRegistry, @Nullable LegacyCipher legacy,
                          UnreadableValues unreadable, UniqueClaims claims) {
        Meters meters = new Meters();
        this.sweep = new BatchSweep(database.getCollection("encryption_state"), settings.reencryptionBatchSize());
        // Each phase reports a value it cannot read (corrupt, foreign, a data key that does not open)
        // and leaves it as it is: one corrupt document never stops the pass for everyone else.
        this.phases = List.of(
                new DataKeyRewrap(database.getCollection("user_keys"), dataKeys, meters, unreadable),
                new PersonalFields(database.getCollection(PersonalFields.USERS),
                        database.getCollection("user_keys"), dataKeys, serviceCipher, blindIndex, sensitive,
                        legacy == null ? LegacyCipher.NONE : legacy, claims, meters, unreadable),
                new ServiceKeyValues("ledger", database.getCollection("wallet_transactions"),
                        entry -> entry.getObjectId("_id").toHexString(), LEDGER_FIELDS, serviceCipher, meters, unreadable),
                new ServiceKeyValues("idempotency", database.getCollection("idempotency_keys"),
                        record -> record.getString("lease_id"), List.of("response.body"), serviceCipher, meters, unreadable));
        this.blindIndex = blindIndex;
        this.primaryKeyId = serviceCipher.currentKeyId();
        if (meterRegistry != null) {
            meterRegistry.gauge("playerbase.encryption.keys.rewrapped", meters.keysRewrapped);
            meterRegistry.gauge("playerbase.encryption.values.reencrypted", meters.valuesReencrypted);
            meterRegistry.gauge("playerbase.encryption.legacy.encrypted", meters.legacyValuesEncrypted);
            meterRegistry.gauge("playerbase.encryption.conflicts.deferred", meters.conflicts);
            meterRegistry.gauge("playerbase.encryption.index.entries.updated", meters.indexEntriesChanged);
            meterRegistry.gauge("playerbase.encryption.legacy.remaining", meters.legacyRemaining);
            meterRegistry.gauge("playerbase.encryption.pass.running", this, maintenance -> maintenance.running ? 1 : 0);
        }
    }

    /**
     * What the last or current pass did, for health details, the CLI and metrics.
     *
     * @param legacyValuesRemaining legacy values the pass found but could not encrypt (a type it does
     *                              not know); they stay readable and are logged with their user id
     */
    public record Progress(String primaryKeyId, String status, String phase, long keysRewrapped,
                           long valuesReencrypted, long legacyValuesEncrypted, long legacyValuesRemaining,
                           long conflictsDeferred, Instant startedAt, Instant finishedAt) {
    }

    /**
     * Whether a pass is due: never run, interrupted or incomplete, or run under another primary key
     * or another blind-index key setup.
     */
    public boolean due() {
        Checkpoint current = sweep.load();
        return current == null || !"finished".equals(current.status()) || !current.isFor(primaryKeyId, indexKeys());
    }

    /** The key ids index entries are written under now, e.g. {@code k1} or {@code k1,k2} mid-rotation. */
    private String indexKeys() {
        return String.join(",", blindIndex.entries("probe", "probe").stream()
                .map(entry -> entry.substring(0, entry.indexOf(':'))).toList());
    }

    public Progress progress() {
        Checkpoint current = sweep.load();
        if (current == null) {
            return new Progress(primaryKeyId, "never-run", null, 0, 0, 0, 0, 0, null, null);
        }
        return new Progress(current.document().getString("primary_key_id"), running ? "running" : current.status(),
                current.phase(), current.number(Checkpoint.KEYS_REWRAPPED), current.number(Checkpoint.VALUES_REENCRYPTED),
                current.number(Checkpoint.LEGACY_ENCRYPTED), current.number(Checkpoint.LEGACY_REMAINING),
                current.number(Checkpoint.CONFLICTS_DEFERRED), current.instant("started_at"), current.instant("finished_at"));
    }

    /**
     * Runs (or resumes) a pass over every document. Values skipped because they changed while being
     * re-encrypted are taken by another pass, a few times at most; if some still remain, the state
     * stays {@code incomplete} and the pass is due again.
     */
    public Progress run() {
        return run(ProgressListener.NONE);
    }

    /** {@link #run()}, telling {@code listener} after every batch how far the current phase has got. */
    public synchronized Progress run(ProgressListener listener) {
        running = true;
        try {
            for (int attempt = 1; attempt <= MAX_PASSES; attempt++) {
                Checkpoint checkpoint = startOrResume();
                long deferredBefore = checkpoint.number(Checkpoint.CONFLICTS_DEFERRED);
                for (int index = phaseIndex(checkpoint.phase()); index < phases.size(); index++) {
                    sweep.sweep(phases.get(index), checkpoint, listener);
                    if (index + 1 < phases.size()) {
                        checkpoint.enter(phases.get(index + 1).name());
                        sweep.save(checkpoint);
                    }
                }
                boolean clean = checkpoint.number(Checkpoint.CONFLICTS_DEFERRED) == deferredBefore;
                checkpoint.finish(clean);
                sweep.save(checkpoint);
                LOG.info("Re-encryption pass {} under key {}: {} keys re-wrapped, {} values re-encrypted, "
                                + "{} legacy values encrypted, {} deferred by concurrent changes",
                        clean ? "finished" : "incomplete", primaryKeyId, checkpoint.number(Checkpoint.KEYS_REWRAPPED),
                        checkpoint.number(Checkpoint.VALUES_REENCRYPTED), checkpoint.number(Checkpoint.LEGACY_ENCRYPTED),
                        checkpoint.number(Checkpoint.CONFLICTS_DEFERRED));
                if (clean) {
                    break;
                }
            }
        } finally {
            running = false;
        }
        return progress();
    }

    private int phaseIndex(String name) {
        for (int index = 0; index < phases.size(); index++) {
            if (phases.get(index).name().equals(name)) {
                return index;
            }
        }
        throw new IllegalStateException("encryption_state names an unknown phase: " + name);
    }

    private Checkpoint startOrResume() {
        String firstPhase = phases.get(0).name();
        Checkpoint current = sweep.load();
        if (current != null && current.isFor(primaryKeyId, indexKeys())) {
            if ("running".equals(current.status())) {
                LOG.info("Resuming the re-encryption pass in phase {} after {}", current.phase(), current.lastId());
                return current;
            }
            if ("incomplete".equals(current.status())) {
                // Another sweep for the values deferred last time; totals keep adding up.
                current.restart(firstPhase);
                sweep.save(current);
                return current;
            }
        }
        Checkpoint fresh = Checkpoint.fresh(BatchSweep.STATE_ID, primaryKeyId, indexKeys(), firstPhase);
        sweep.save(fresh);
        LOG.info("Re-encryption pass started under primary key {}", primaryKeyId);
        return fresh;
    }
}
