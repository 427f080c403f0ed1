package io.playerbase.adapters.mongo.subscription;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.Plan;
import io.playerbase.domain.subscription.StoreView;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionKey;
import io.playerbase.domain.subscription.SubscriptionPeriod;
import io.playerbase.domain.subscription.SubscriptionRepository;
import io.playerbase.domain.subscription.SubscriptionRepositoryContract;
import io.playerbase.domain.subscription.SubscriptionStore;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link SubscriptionMongoAdapter}: the port's contract, and the stored format the sweep's index relies on. */
abstract class SubscriptionMongoAdapterTest extends SubscriptionRepositoryContract {

    private ApplicationContext context;
    private MongoCollection<Document> raw;

    abstract MongoTarget target();

    @Override
    protected SubscriptionRepository createStore() {
        context = target().startAdapters();
        raw = context.getBean(MongoDatabase.class).getCollection("subscriptions");
        return context.getBean(SubscriptionRepository.class);
    }

    @Override
    protected void closeStore() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    @Test
    void aSubscriptionIsOneDocumentNamedByItsStoreAndChainWithItsPeriodsAndHistoryInside() {
        SubscriptionKey key = new SubscriptionKey(SubscriptionStore.APP_STORE, "2000000777");
        UserId owner = UserId.newId(NOW);
        Subscription s = Subscription.open(key, List.of(), NOW);
        s.attach(owner, "650000000000000000000c01", NOW);
        Instant ends = NOW.plus(Duration.ofDays(30));
        s.observe(new StoreView("SUBSCRIBED/INITIAL_BUY", NOW, StoreView.State.PAID, "com.example.premium", NOW, ends, null,
                true, null, null, null, new StoreView.Period("tx-1", NOW, ends, true), null, null, null, "Sandbox"),
                new Plan("premium_monthly", 100), "notification:n1", NOW);
        repository.create(s);

        Document stored = raw.find(Filters.eq("_id", "app_store:2000000777")).first();
        assertEquals("app_store", stored.getString("store"));
        assertEquals("2000000777", stored.getString("chain"));
        assertEquals(new ObjectId(owner.value()), stored.getObjectId("user_id"));
        assertEquals("active", stored.getString("status"));
        assertEquals(Date.from(ends), stored.getDate("expires_at"));
        Document period = stored.getList("periods", Document.class).get(0);
        assertEquals("due", period.getString("credit_state"));
        assertEquals(100L, ((Number) period.get("credits")).longValue());
        assertEquals(0, period.getInteger("round"));
        assertNull(period.get("word_at"));
        assertEquals("SUBSCRIBED/INITIAL_BUY", stored.getList("history", Document.class).get(0).getString("event"));
        assertEquals(new Date(0), stored.getDate("sweep_at"), "money and a copy pending: the sweep's at once");
        assertEquals(1L, ((Number) stored.get("version")).longValue());

        Subscription settled = repository.find(key).orElseThrow();
        settled.walletDone("tx-1", SubscriptionPeriod.CreditState.DUE, 0, NOW);
        settled.copyDone();
        repository.update(settled);
        assertEquals(Date.from(ends), raw.find(Filters.eq("_id", key.id())).first().getDate("sweep_at"),
                "then when the period ends");

        Subscription nobodys = Subscription.open(new SubscriptionKey(SubscriptionStore.GOOGLE_PLAY, "tok-x"), List.of("tok-x"), NOW);
        repository.create(nobodys);
        Document ownerless = raw.find(Filters.eq("_id", "google_play:tok-x")).first();
        assertNull(ownerless.get("user_id"));
        assertNull(ownerless.get("sweep_at"));
        assertEquals(List.of("tok-x"), ownerless.getList("tokens", String.class));
    }

    @Test
    void aPeriodStoredBeforeRefundsCouldBeReversedReadsAsRoundZeroWithNoWordYet() {
        SubscriptionKey key = new SubscriptionKey(SubscriptionStore.APP_STORE, "2000000778");
        Subscription s = Subscription.open(key, List.of(), NOW);
        s.attach(UserId.newId(NOW), null, NOW);
        Instant ends = NOW.plus(Duration.ofDays(30));
        s.observe(new StoreView("DID_RENEW", NOW, StoreView.State.PAID, "com.example.premium", NOW, ends, null, true, null,
                null, null, new StoreView.Period("tx-9", NOW, ends, true), null, null, null, "Sandbox"),
                new Plan("premium_monthly", 100), "notification:n9", NOW);
        repository.create(s);
        raw.updateOne(Filters.eq("_id", key.id()), new Document("$unset", new Document("periods.0.round", "").append("periods.0.word_at", "")));

        SubscriptionPeriod period = repository.find(key).orElseThrow().periods().get(0);
        assertEquals(0, period.round());
        assertNull(period.wordAt());
        assertEquals(SubscriptionPeriod.CreditState.DUE, period.state());
    }
}
