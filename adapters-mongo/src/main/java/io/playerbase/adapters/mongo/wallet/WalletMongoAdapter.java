package io.playerbase.adapters.mongo.wallet;

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
import static io.playerbase.adapters.mongo.wallet.WalletDocumentMapper.VERSION;

/**
 * {@link WalletRepository} on {@code modules.wallet} of the {@code users} collection. A commit is one
 * {@code updateOne} conditional on the wallet's own {@code _version} (never the account's
 * {@code version}) and on the account not being deleted; it sets the balance, the ledger head, the
 * new entry as {@code _pending} and pushes the audit entry to {@code pending_audit}, all at once.
 */
@Singleton
final class WalletMongoAdapter implements WalletRepository {

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
        Document fields = mapper.changedFields(wallet, next);
        Bson set = expected == 0 ? firstWrite(wallet.owner(), fields) : setEach(fields);
        Bson update = Updates.combine(set, Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)));
        Bson filter = Filters.and(byId(wallet.owner()), Filters.ne("status", "deleted"), versionIs(expected));
        long matched = MongoErrors.call(() -> users.updateOne(filter, update).getMatchedCount());
        if (matched == 0) {
            throw Conflict.stale("Wallet");
        }
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

    private static Bson setEach(Document fields) {
        Document set = new Document();
        fields.forEach((name, value) -> set.append(PATH + "." + name, value));
        return new Document("$set", set);
    }

    /**
     * The first write to a wallet sets the whole subdocument, which also works where {@code modules.wallet}
     * is missing or {@code null} (users from before the module); fields an older system left there are kept.
     */
    private Bson firstWrite(UserId owner, Document fields) {
        Document current = MongoErrors.call(() -> users.find(byId(owner)).projection(Projections.include(PATH)).first());
        Document wallet = new Document();
        if (current != null && current.get("modules") instanceof Document modules
                && modules.get("wallet") instanceof Document existing) {
            wallet.putAll(existing);
        }
        wallet.putAll(fields);
        return Updates.set(PATH, wallet);
    }

    private static Bson byId(UserId id) {
        return Filters.eq("_id", new ObjectId(id.value()));
    }

    /** Wallets written before the ledger existed have no version: they count as version 0. */
    private static Bson versionIs(long version) {
        String path = PATH + "." + VERSION;
        return version == 0
                ? Filters.or(Filters.eq(path, 0L), Filters.exists(path, false))
                : Filters.eq(path, version);
    }
}
