package io.playerbase.adapters.mongo.subscription;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.adapters.mongo.support.ModuleSubdocument;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumAccount;
import io.playerbase.domain.subscription.PremiumAccountRepository;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.Optional;

import static io.playerbase.adapters.mongo.subscription.PremiumAccountDocumentMapper.PATH;

/**
 * {@link PremiumAccountRepository} on {@code modules.subscription} of the {@code users} collection. An
 * update is one {@code updateOne} conditional on the module's own {@code _version} (never the account's)
 * and on the account not being erased; it sets the module's fields and pushes the audit entry to
 * {@code pending_audit}, together.
 */
@Singleton
final class PremiumAccountMongoAdapter implements PremiumAccountRepository {

    private static final ModuleSubdocument SUBDOCUMENT = new ModuleSubdocument("subscription");

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
        SUBDOCUMENT.write(users, account.userId(), expected, PremiumAccountDocumentMapper.fields(account, next),
                Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)), "Subscription module");
        account.markStored(next);
        outbox.deliver(audit);
    }

    private static Bson byId(UserId id) {
        return Filters.eq("_id", new ObjectId(id.value()));
    }
}
