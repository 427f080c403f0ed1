package io.playerbase.adapters.mongo.purchase;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.purchase.PurchaseModule;
import io.playerbase.domain.purchase.PurchaseModuleContract;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PurchaseModuleMongoAdapter}: the port's contract on {@code modules.in_app_purchases} of user
 * documents, and the audit entries delivered from the user's outbox.
 */
abstract class PurchaseModuleMongoAdapterTest extends PurchaseModuleContract {

    private ApplicationContext context;
    private MongoCollection<Document> users;

    abstract MongoTarget target();

    @Override
    protected PurchaseModule createModule() {
        context = target().startAdapters();
        users = context.getBean(MongoDatabase.class).getCollection("users");
        return context.getBean(PurchaseModule.class);
    }

    @Override
    protected void closeModule() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    @Override
    protected UserId newUser() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        User user = User.register(UserId.newId(NOW), new Email(name + "@example.com"), new Username(name), "$h", false,
                context.getBean(ModuleRegistry.class).activeModules(), NOW);
        context.getBean(UserRepository.class).insert(user, AuditEntry.of(user.id(), Actor.player(user.id(), "r"),
                "user.registered", "user", List.of(), NOW));
        return user.id();
    }

    private Document stored(UserId user) {
        return users.find(Filters.eq("_id", new ObjectId(user.value()))).first();
    }

    private Document inAppPurchases(UserId user) {
        return stored(user).get("modules", Document.class).get("in_app_purchases", Document.class);
    }

    @Override
    protected long totalPurchases(UserId user) {
        return inAppPurchases(user).get("total_purchases", Number.class).longValue();
    }

    @Override
    protected Instant lastPurchaseAt(UserId user) {
        Date last = inAppPurchases(user).getDate("last_purchase_at");
        return last == null ? null : last.toInstant();
    }

    @Override
    protected List<String> auditActions(UserId user) {
        return context.getBean(MongoDatabase.class).getCollection("user_audit_logs")
                .find(Filters.and(Filters.eq("user_id", new ObjectId(user.value())), Filters.eq("module", "in_app_purchases")))
                .map(entry -> entry.getString("action")).into(new ArrayList<>()).stream().sorted().toList();
    }

    @Test
    void theAuditEntriesLeaveTheOutboxAndTheOtherModulesStayAsTheyWere() {
        UserId user = newUser();
        Document walletBefore = stored(user).get("modules", Document.class).get("wallet", Document.class);
        module.noteCounters(user, 1, NOW, AuditEntry.of(user, Actor.player(user, "req"), "purchase.granted",
                "in_app_purchases", List.of("total_purchases"), NOW));
        module.audit(AuditEntry.of(user, Actor.player(user, "req"), "purchase.refused", "in_app_purchases", List.of(), NOW));
        Document after = stored(user);
        assertTrue(after.getList(AuditOutbox.FIELD, Document.class).isEmpty(), "delivered: " + after.toJson());
        assertEquals(walletBefore, after.get("modules", Document.class).get("wallet", Document.class));
        assertEquals(List.of(), inAppPurchases(user).getList("active_entitlements", Object.class),
                "the subscription module's field is left alone");
    }
}
