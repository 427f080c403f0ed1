package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Premium that an older system recorded by hand ({@code modules.subscription} with {@code status:
 * "active"}, a {@code plan} other than {@code free} and an {@code expires_at} still ahead, never written
 * by Playerbase: no {@code _version}) becomes a manual grant until that {@code expires_at}, reason
 * {@code legacy-premium}, granted by {@code system}, audited. Premium is derived from store
 * subscriptions and grants only, so without this such players would lose it at the takeover. The old
 * fields stay as they are (the module's next copy replaces the ones it owns); an expired or undated
 * one gets no grant (it is logged and counted).
 *
 * <p>Idempotent: a user with {@code _grants} is never touched again. Frozen once applied.
 */
@ChangeUnit(id = "V0071_GrantLegacyPremium", order = "0071", author = "playerbase")
public class V0071_GrantLegacyPremium {

    static final String REASON = "legacy-premium";
    private static final Logger LOG = LoggerFactory.getLogger(V0071_GrantLegacyPremium.class);
    private static final String PATH = "modules.subscription";

    private final MongoDatabase database;

    public V0071_GrantLegacyPremium(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        MongoCollection<Document> users = database.getCollection("users");
        Instant now = Instant.now();
        Bson legacyPremium = Filters.and(
                Filters.eq(PATH + ".status", "active"),
                Filters.nin(PATH + ".plan", null, "free"),
                Filters.exists(PATH + "._version", false),
                Filters.exists(PATH + "._grants", false),
                Filters.ne("status", "deleted"));
        int granted = 0;
        int expired = 0;
        List<Document> candidates = users.find(legacyPremium).projection(Projections.include(PATH + ".expires_at"))
                .into(new ArrayList<>());
        for (Document user : candidates) {
            Object expires = ((Document) ((Document) user.get("modules")).get("subscription")).get("expires_at");
            if (!(expires instanceof Date until) || !until.toInstant().isAfter(now)) {
                expired++;
                continue;
            }
            ObjectId id = user.getObjectId("_id");
            UserId userId = new UserId(id.toHexString());
            Document grant = new Document("id", UserId.newId(now).value())
                    .append("granted_at", Date.from(now))
                    .append("granted_by", "system")
                    .append("reason", REASON)
                    .append("expires_at", until)
                    .append("revoked_at", null)
                    .append("revoked_by", null)
                    .append("revoke_reason", null);
            AuditEntry audit = AuditEntry.of(userId, Actor.system("V0071_GrantLegacyPremium"), "subscription.premium_granted",
                    "subscription", List.of("grants", "granted_until"), now);
            long matched = users.updateOne(Filters.and(Filters.eq("_id", id), legacyPremium), Updates.combine(
                    Updates.set(PATH + "._grants", List.of(grant)),
                    Updates.set(PATH + ".granted_until", until),
                    Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)))).getMatchedCount();
            granted += (int) matched;
        }
        LOG.info("V0071_GrantLegacyPremium: {} legacy premium account(s) granted premium until their old expiry, "
                + "{} with an expired or missing expiry left without", granted, expired);
    }

    /** Nothing to undo: a grant is only added where none exists, and the old fields are never changed. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0071_GrantLegacyPremium failed; nothing is undone, the next run completes it");
    }
}
