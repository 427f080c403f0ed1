package io.playerbase.adapters.mongo.subscription;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumAccount;
import io.playerbase.domain.subscription.PremiumAccountRepository;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.Optional;

import static io.playerbase.adapters.mongo.subscription.PremiumAccountDocumentMapper.PATH;
import static io.playerbase.adapters.mongo.subscription.PremiumAccountDocumentMapper.VERSION;

/**
 * {@link PremiumAccountRepository} on {@code modules.subscription} of the {@code users} collection. An
 * update is one {@code updateOne} conditional on the module's own {@code _version} (never the account's)
 * and on the account not being erased; it sets the module's fields and pushes the audit entry to
 * {@code pending_audit}, together.
 */
@Singleton
final class PremiumAccountMongoAdapter implements PremiumAccountRepository {

    private final MongoCollection<Document> users;
    private final AuditOutbox outbox;

    PremiumAccountMongoAdapter(MongoDatabase database, AuditOutbox outbox) {
        this.users = database.getCollection("users");
        this.outbox = outbox;
    }

    @Override
    public Optional<PremiumAccount> find(UserId userId) {
        return MongoErrors.call(() -> Optional.ofNullable(users.find(byId(userId))
                .projection(Projections.include("status", PATH)).first()).map(PremiumAccountDocumentMapper::toDomain));
    }

    @Override
    public void update(PremiumAccount account, AuditEntry audit) {
        long expected = account.version();
        long next = expected + 1;
        Document fields = PremiumAccountDocumentMapper.fields(account, next);
        Bson set = expected == 0 ? firstWrite(account.userId(), fields) : setEach(fields);
        Bson update = Updates.combine(set, Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)));
        Bson filter = Filters.and(byId(account.userId()), Filters.ne("status", "deleted"), versionIs(expected));
        long matched = MongoErrors.call(() -> users.updateOne(filter, update).getMatchedCount());
        if (matched == 0) {
            throw Conflict.stale("Subscription module");
        }
        account.markStored(next);
        outbox.deliver(audit);
    }

    private static Bson setEach(Document fields) {
        Document set = new Document();
        fields.forEach((name, value) -> set.append(PATH + "." + name, value));
        return new Document("$set", set);
    }

    /**
     * The first write sets the whole subdocument, which also works where {@code modules.subscription}
     * is missing or {@code null}; fields an older system left there are kept beside the module's.
     */
    private Bson firstWrite(UserId owner, Document fields) {
        Document current = MongoErrors.call(() -> users.find(byId(owner)).projection(Projections.include(PATH)).first());
        Document module = new Document();
        if (current != null && current.get("modules") instanceof Document modules
                && modules.get("subscription") instanceof Document existing) {
            module.putAll(existing);
        }
        module.putAll(fields);
        return Updates.set(PATH, module);
    }

    private static Bson byId(UserId id) {
        return Filters.eq("_id", new ObjectId(id.value()));
    }

    /** Accounts from before the module wrote here have no version: they count as version 0. */
    private static Bson versionIs(long version) {
        String path = PATH + "." + VERSION;
        return version == 0
                ? Filters.or(Filters.eq(path, 0L), Filters.exists(path, false))
                : Filters.eq(path, version);
    }
}
