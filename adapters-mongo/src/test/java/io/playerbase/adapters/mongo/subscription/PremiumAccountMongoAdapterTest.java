package io.playerbase.adapters.mongo.subscription;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.audit.AuditLogStore;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumAccount;
import io.playerbase.domain.subscription.PremiumAccountRepository;
import io.playerbase.domain.subscription.PremiumAccountRepositoryContract;
import io.playerbase.domain.subscription.SubscriptionStatus;
import io.playerbase.domain.subscription.SubscriptionSummary;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PremiumAccountMongoAdapter}: the port's contract, and what only the user document shows: the
 * stored fields, the bookkeeping hidden from the account view, the audit outbox, older shapes.
 */
abstract class PremiumAccountMongoAdapterTest extends PremiumAccountRepositoryContract {

    private ApplicationContext context;
    private UserRepository users;
    private MongoCollection<Document> raw;

    abstract MongoTarget target();

    @Override
    protected PremiumAccountRepository createStore() {
        context = target().startAdapters();
        users = context.getBean(UserRepository.class);
        raw = context.getBean(MongoDatabase.class).getCollection("users");
        return context.getBean(PremiumAccountRepository.class);
    }

    @Override
    protected void closeStore() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    @Override
    protected UserId newUser() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        User user = User.register(UserId.newId(NOW), new Email(name + "@example.com"), new Username(name), "$h", false,
                context.getBean(ModuleRegistry.class).activeModules(), NOW);
        users.insert(user, AuditEntry.of(user.id(), Actor.player(user.id(), "r"), "user.registered", "user", List.of(), NOW));
        return user.id();
    }

    @Override
    protected void deleteAccount(UserId user) {
        raw.updateOne(byId(user), Updates.set("status", "deleted"));
    }

    private static Bson byId(UserId user) {
        return Filters.eq("_id", new ObjectId(user.value()));
    }

    private Document module(UserId user) {
        return raw.find(byId(user)).first().get("modules", Document.class).get("subscription", Document.class);
    }

    @Test
    void theModulesFieldsAreStoredBesideItsBookkeepingWhichTheAccountViewLeavesOut() {
        UserId ann = newUser();
        PremiumAccount account = accounts.find(ann).orElseThrow();
        account.grant("650000000000000000000d21", "goodwill", NOW.plus(Duration.ofDays(7)), ADMIN, NOW);
        account.project(new SubscriptionSummary("premium_monthly", SubscriptionStatus.ACTIVE, NOW, NOW.plus(Duration.ofDays(30)),
                null, true, "650000000000000000000c01", "app_store", NOW.plus(Duration.ofDays(7))));
        AuditEntry audit = audit(ann);
        accounts.update(account, audit);

        Document stored = module(ann);
        assertEquals("premium_monthly", stored.getString("plan"));
        assertEquals("active", stored.getString("status"));
        assertEquals("app_store", stored.getString("store"));
        assertEquals(Date.from(NOW.plus(Duration.ofDays(7))), stored.getDate("granted_until"));
        assertEquals(1L, ((Number) stored.get("_version")).longValue());
        assertEquals("goodwill", stored.getList("_grants", Document.class).get(0).getString("reason"));
        Map<String, Object> view = users.findById(ann).orElseThrow().modules().get("subscription");
        assertFalse(view.containsKey("_grants") || view.containsKey("_version"), view.toString());
        assertEquals("active", view.get("status"));
        assertEquals(List.of(audit), context.getBean(AuditLogStore.class).forUser(ann, 10).stream()
                .filter(a -> a.module().equals("subscription")).toList(), "audit entry delivered");
        assertTrue(raw.find(byId(ann)).first().getList(AuditOutbox.FIELD, Document.class).isEmpty());
    }

    @Test
    void whatAnOlderSystemLeftReadsAsACopyToReplaceAndIsKeptBesideTheModulesFields() {
        UserId ann = newUser();
        raw.updateOne(byId(ann), Updates.set("modules.subscription", new Document("plan", "premium").append("status", "inactive")
                .append("expires_at", "2020-01-01").append("note", "set by support")));
        PremiumAccount legacy = accounts.find(ann).orElseThrow();
        assertEquals("premium", legacy.summary().plan());
        assertEquals(SubscriptionStatus.NONE, legacy.summary().status());
        assertEquals(null, legacy.summary().expiresAt());
        assertEquals(0, legacy.version());
        legacy.project(SubscriptionSummary.NONE);
        accounts.update(legacy, audit(ann));
        Document stored = module(ann);
        assertEquals("set by support", stored.getString("note"));
        assertEquals("free", stored.getString("plan"));

        UserId bob = newUser();
        raw.updateOne(byId(bob), Updates.unset("modules.subscription"));
        PremiumAccount without = accounts.find(bob).orElseThrow();
        assertEquals(SubscriptionSummary.NONE, without.summary());
        without.grant("650000000000000000000d22", "goodwill", NOW.plus(Duration.ofDays(1)), ADMIN, NOW);
        accounts.update(without, audit(bob));
        assertEquals(1, module(bob).getList("_grants", Document.class).size());
    }
}
