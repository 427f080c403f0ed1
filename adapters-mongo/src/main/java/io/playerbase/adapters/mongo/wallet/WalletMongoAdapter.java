package io.playerbase.adapters.mongo.wallet;

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
import io.playerbase.domain.wallet.Wallet;
import io.playerbase.domain.wallet.WalletRepository;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.playerbase.adapters.mongo.wallet.WalletDocumentMapper.PATH;
import static io.playerbase.adapters.mongo.wallet.WalletDocumentMapper.PENDING;

/**
 * {@link WalletRepository} on {@code modules.wallet} of the {@code users} collection. A commit is one
 * {@code updateOne} conditional on the wallet's own {@code _version} (never the account's
 * {@code version}) and on the account not being deleted; it sets the balance, the ledger head, the
 * new entry as {@code _pending} and pushes the audit entry to {@code pending_audit}, all at once.
 */
@Singleton
final class WalletMongoAdapter implements WalletRepository {

    private static final ModuleSubdocument SUBDOCUMENT = new ModuleSubdocument("wallet");

    private final MongoCollection<Document> users;
    private final WalletDocumentMapper mapper;
    private final AuditOutbox outbox;

    WalletMongoAdapter(MongoDatabase database, WalletDocumentMapper mapper, AuditOutbox outbox) {
        this.users = database.getCollection("users");
        this.mapper = mapper;
        this.outbox = outbox;
    }

    @Override
    public Optional<Wallet> find(UserId userId) {
        return MongoErrors.call(() -> Optional.ofNullable(users.find(byId(userId))
                .projection(Projections.include("status", PATH)).first()).map(mapper::toDomain));
    }

    @Override
    public void commit(Wallet wallet, AuditEntry audit) {
        long expected = wallet.version();
        long next = expected + 1;
        SUBDOCUMENT.write(users, wallet.owner(), expected, mapper.changedFields(wallet, next),
                Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)), "Wallet");
        wallet.markStored(next);
        outbox.deliver(audit);
    }

    @Override
    public void markRecorded(UserId userId, long sequence) {
        MongoErrors.run(() -> users.updateOne(
                Filters.and(byId(userId), Filters.eq(PATH + "." + PENDING + ".sequence", sequence)),
                Updates.unset(PATH + "." + PENDING)));
    }

    @Override
    public List<UserId> withUnrecordedEntries(int limit) {
        return MongoErrors.call(() -> {
            List<UserId> ids = new ArrayList<>();
            for (Document user : users.find(Filters.exists(PATH + "." + PENDING + ".sequence"))
                    .projection(Projections.include("_id")).limit(limit)) {
                ids.add(new UserId(user.getObjectId("_id").toHexString()));
            }
            return ids;
        });
    }

    private static Bson byId(UserId id) {
        return Filters.eq("_id", new ObjectId(id.value()));
    }
}
