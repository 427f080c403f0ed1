package io.playerbase.adapters.mongo.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.adapters.mongo.lease.Leases;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes every user change and its audit entry durable together without a multi-document
 * transaction: the entry is pushed to {@code pending_audit} in the same single-document
 * write as the change, then copied to {@code user_audit_logs} (idempotent by entry id) and pulled.
 * A crash in between leaves the entry pending; {@link #recover()} finishes the copy.
 */
@Singleton
public final class AuditOutbox {

    /** The outbox array in a user document. Every module adapter pushes its audit entry here, in its own update. */
    public static final String FIELD = "pending_audit";
    private static final Logger LOG = LoggerFactory.getLogger(AuditOutbox.class);

    private final MongoCollection<Document> users;
    private final AuditLogStore store;
    private final Leases leases;
    private final Duration recoveryInterval;

    private final GroupDelivery<AuditEntry> delivery = new GroupDelivery<>(this::write);

    AuditOutbox(MongoDatabase database, AuditLogStore store, Leases leases, AuditSettings settings) {
        this.users = database.getCollection("users");
        this.store = store;
        this.leases = leases;
        this.recoveryInterval = settings.recoveryInterval();
    }

    public static Document toBson(AuditEntry entry) {
        return new Document("_id", entry.id())
                .append("user_id", new ObjectId(entry.userId().value()))
                .append("actor", entry.actor().id())
                .append("actor_role", entry.actor().role().name().toLowerCase(Locale.ROOT))
                .append("action", entry.action())
                .append("module", entry.module())
                .append("changed_fields", entry.changedFields())
                .append("timestamp", Date.from(entry.timestamp()))
                .append("request_id", entry.actor().requestId());
    }

    public static AuditEntry fromBson(Document document) {
        Actor actor = new Actor(document.getString("actor"),
                Actor.ActorRole.valueOf(document.getString("actor_role").toUpperCase(Locale.ROOT)),
                document.getString("request_id"));
        return new AuditEntry(document.getString("_id"), new UserId(document.getObjectId("user_id").toHexString()),
                actor, document.getString("action"), document.getString("module"),
                document.getList("changed_fields", String.class), document.getDate("timestamp").toInstant());
    }

    /** Copies a pending entry to the audit log and removes it from the user; safe to repeat. */
    public void deliver(AuditEntry entry) {
        deliverAll(List.of(entry));
    }

    /**
     * Copies pending entries to the audit log and removes them from their users; safe to repeat.
     * Returns once they are delivered (or left pending after a failure, for the recovery pass).
     * Callers delivering at the same moment share the writes (see {@link GroupDelivery}).
     */
    public void deliverAll(List<AuditEntry> entries) {
        if (!entries.isEmpty()) {
            delivery.deliver(entries);
        }
    }

    /**
     * Leaves the entries for the next delivery, whoever makes it (the same request's next write, another
     * request, the recovery pass), which then writes them in its own insert and pull: for entries whose
     * change is followed at once by another change of the same users (a match's holds, then its counters or
     * its releases), so each user is pulled once. They are durable in their users' outboxes already.
     */
    public void deliverWithNext(List<AuditEntry> entries) {
        if (!entries.isEmpty()) {
            delivery.add(entries);
        }
    }

    /** One batch: insert the entries (a duplicate id is an earlier delivery), then pull them from their users. */
    private void write(List<AuditEntry> entries) {
        try {
            store.writeAll(entries);
            Map<String, List<String>> byUser = new LinkedHashMap<>();
            for (AuditEntry entry : entries) {
                byUser.computeIfAbsent(entry.userId().value(), user -> new ArrayList<>()).add(entry.id());
            }
            List<UpdateOneModel<Document>> pulls = new ArrayList<>();
            byUser.forEach((user, ids) -> pulls.add(new UpdateOneModel<>(Filters.eq("_id", new ObjectId(user)),
                    Updates.pull(FIELD, Filters.in("_id", ids)))));
            users.bulkWrite(pulls, new BulkWriteOptions().ordered(false));
        } catch (RuntimeException e) {
            // The changes themselves are stored with their entries; the recovery pass delivers them later.
            LOG.warn("{} audit entries left pending: {}", entries.size(), e.getMessage());
        }
    }

    /** The periodic {@link #recover()}, on one instance at a time (lease {@code audit-recovery}). */
    @Scheduled(initialDelay = "5s", fixedDelay = "${playerbase.audit.recovery-interval}")
    void recoverPeriodically() {
        try {
            leases.runIfHeld("audit-recovery", recoveryInterval.multipliedBy(2), this::recover);
        } catch (RuntimeException e) {
            LOG.warn("Audit recovery pass failed; the next one retries: {}", e.getMessage());
        }
    }

    /** Delivers entries left pending by a crash or an outage. */
    public int recover() {
        int delivered = 0;
        for (Document user : users.find(Filters.exists(FIELD + ".0")).projection(Projections.include(FIELD))) {
            List<Document> pending = user.getList(FIELD, Document.class);
            deliverAll(pending.stream().map(AuditOutbox::fromBson).toList());
            delivered += pending.size();
        }
        if (delivered > 0) {
            LOG.info("Delivered {} pending audit entries", delivered);
        }
        return delivered;
    }
}
