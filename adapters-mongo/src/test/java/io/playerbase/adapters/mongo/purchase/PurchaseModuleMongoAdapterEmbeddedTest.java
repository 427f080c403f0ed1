package io.playerbase.adapters.mongo.purchase;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.domain.purchase.PurchaseModule;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuditTrail;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The module counters and the module's audit entries on the embedded store. */
class PurchaseModuleMongoAdapterEmbeddedTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private ApplicationContext context;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        context = PurchaseStores.start(PurchaseStores.EMBEDDED);
        database = context.getBean(MongoDatabase.class);
    }

    @AfterEach
    void stop() {
        PurchaseStores.stop(context);
    }

    @Test
    void countersOnlyRiseAndEachChangeIsAudited() {
        ObjectId id = new ObjectId();
        database.getCollection("users").insertOne(new Document("_id", id).append("status", "active")
                .append("updated_at", new Date()).append("modules", new Document("in_app_purchases",
                        new Document("total_purchases", 0).append("last_purchase_at", null)
                                .append("active_entitlements", List.of()))));
        UserId user = new UserId(id.toHexString());
        PurchaseModule module = context.getBean(PurchaseModule.class);
        Actor actor = Actor.player(user, "req");
        module.noteCounters(user, 2, NOW, AuditEntry.of(user, actor, "purchase.granted", "in_app_purchases",
                List.of("total_purchases"), NOW));
        module.noteCounters(user, 1, NOW.minusSeconds(60), AuditEntry.of(user, actor, "purchase.granted",
                "in_app_purchases", List.of("total_purchases"), NOW.plusSeconds(1)));
        module.audit(AuditEntry.of(user, actor, "purchase.refused", "in_app_purchases", List.of(), NOW.plusSeconds(2)));

        Document iap = database.getCollection("users").find(Filters.eq("_id", id)).first()
                .get("modules", Document.class).get("in_app_purchases", Document.class);
        assertEquals(2L, iap.get("total_purchases", Number.class).longValue());
        assertEquals(Date.from(NOW), iap.getDate("last_purchase_at"));
        List<String> actions = context.getBean(AuditTrail.class).forUser(user, PageRequest.first(10)).items().stream()
                .map(AuditEntry::action).toList();
        assertEquals(List.of("purchase.refused", "purchase.granted", "purchase.granted"), actions);
    }
}
