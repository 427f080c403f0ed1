package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes of the wallet ledger (docs/wallet.md):
 * <ul>
 *   <li>{@code ux_wallet_transactions_user_id_sequence}: one entry per sequence number of a wallet (a
 *       fork of the hash chain is impossible) and the order in which statements are paged;</li>
 *   <li>{@code ix_users_wallet_pending}: wallets holding an entry not yet copied to the ledger, for the
 *       recovery pass; partial on real MongoDB (only such wallets are indexed), plain on the embedded store.</li>
 * </ul>
 * Creating an index that exists is a no-op, so a run that failed half way completes on the next run.
 * Frozen once applied.
 */
@ChangeUnit(id = "V0005_AddWalletLedgerIndexes", order = "0005", author = "playerbase")
public class V0005_AddWalletLedgerIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(V0005_AddWalletLedgerIndexes.class);
    private static final String PENDING_SEQUENCE = "modules.wallet._pending.sequence";

    private final MongoDatabase database;
    private final MigrationSettings settings;

    public V0005_AddWalletLedgerIndexes(MongoDatabase database, MigrationSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    @Execution
    public void execute() {
        database.getCollection("wallet_transactions").createIndex(
                new Document("user_id", 1).append("sequence", -1),
                new IndexOptions().name("ux_wallet_transactions_user_id_sequence").unique(true));
        IndexOptions pending = new IndexOptions().name("ix_users_wallet_pending");
        if (settings.embeddedStore()) {
            LOG.info("Embedded store: index users.ix_users_wallet_pending created without its partial filter");
        } else {
            pending.partialFilterExpression(new Document(PENDING_SEQUENCE, new Document("$exists", true)));
        }
        database.getCollection("users").createIndex(new Document(PENDING_SEQUENCE, 1), pending);
    }

    @RollbackExecution
    public void rollback() {
        LOG.warn("V0005_AddWalletLedgerIndexes failed; nothing is dropped, the next run completes it");
    }
}
