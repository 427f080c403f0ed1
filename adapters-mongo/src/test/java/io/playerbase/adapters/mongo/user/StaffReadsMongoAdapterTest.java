package io.playerbase.adapters.mongo.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuditTrail;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.user.AccountAccess;
import io.playerbase.domain.user.AccountAccessLookup;
import io.playerbase.domain.user.StaffReadsContract;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserFilter;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.UserSearch;
import io.playerbase.domain.user.UserStatus;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The adapters behind {@link StaffReadsContract} ({@link UserSearchMongoAdapter}, {@code AuditTrailMongoAdapter},
 * {@link AccountAccessMongoAdapter}): the contract, and what only documents of the old system show.
 */
abstract class StaffReadsMongoAdapterTest extends StaffReadsContract {

    private ApplicationContext context;
    private MongoCollection<Document> raw;

    abstract MongoTarget target();

    @Override
    protected Ports createPorts() {
        context = target().startAdapters();
        raw = context.getBean(MongoDatabase.class).getCollection("users");
        return new Ports(context.getBean(UserRepository.class), context.getBean(UserSearch.class),
                context.getBean(AuditTrail.class), context.getBean(AccountAccessLookup.class));
    }

    @Override
    protected void closePorts() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    private void unsetStatus(User user) {
        raw.updateOne(Filters.eq("_id", new ObjectId(user.id().value())), Updates.unset("status"));
    }

    @Test
    void theListingFindsByBlindIndexAndDecryptsWhatItShows() {
        User ann = insert("ann");
        Document stored = raw.find(Filters.eq("_id", new ObjectId(ann.id().value()))).first();
        assertFalse(stored.toJson().contains("ann@Example.com"), "stored encrypted: " + stored.toJson());
        User found = search.search(new UserFilter(ann.email(), null, null, null), PageRequest.first(10)).items().get(0);
        assertEquals("ann@Example.com", found.email().value());
    }

    @Test
    void documentsWithoutAStatusAreListedAsActive() {
        User ann = insert("ann");
        User bob = insert("bob");
        User loaded = users.findById(bob.id()).orElseThrow();
        loaded.suspend(NOW);
        users.update(loaded, AuditEntry.of(bob.id(), Actor.system("r"), "user.suspended", "user", List.of("status"), NOW));
        unsetStatus(ann);
        assertEquals(List.of(ann.id()), search.search(new UserFilter(null, null, UserStatus.ACTIVE, false), PageRequest.first(10))
                .items().stream().map(User::id).toList());
    }

    @Test
    void accessOfALegacyDocumentIsActiveAndUnknownRolesGrantNothing() {
        User ann = insert("ann");
        raw.updateOne(Filters.eq("_id", new ObjectId(ann.id().value())),
                Updates.combine(Updates.unset("status"), Updates.set("roles", List.of("player", "superuser"))));
        assertEquals(new AccountAccess(ann.id(), UserStatus.ACTIVE, Set.of()), access.find(ann.id()).orElseThrow());
    }
}
