package io.playerbase.adapters.mongo.wallet;

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
import io.playerbase.domain.shared.StoredDataUnreadable;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Wallet;
import io.playerbase.domain.wallet.WalletRepository;
import io.playerbase.domain.wallet.WalletRepositoryContract;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WalletMongoAdapter}: the port's contract, and what only a user document shows: the stored
 * format, the audit outbox, the account beside the wallet, and the shapes older systems left.
 */
abstract class WalletMongoAdapterTest extends WalletRepositoryContract {

    private ApplicationContext context;
    private UserRepository users;
    private MongoCollection<Document> raw;

    abstract MongoTarget target();

    @Override
    protected WalletRepository createWallets() {
        context = target().startAdapters();
        users = context.getBean(UserRepository.class);
        raw = context.getBean(MongoDatabase.class).getCollection("users");
        return context.getBean(WalletRepository.class);
    }

    @Override
    protected void closeWallets() {
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
        raw.updateOne(Filters.eq("_id", new ObjectId(user.value())), Updates.set("status", "deleted"));
    }

    private Document rawWallet(UserId id) {
        return raw.find(Filters.eq("_id", new ObjectId(id.value()))).first().get("modules", Document.class)
                .get("wallet", Document.class);
    }

    @Test
    void aCommitStoresTheBalanceEncryptedAndDeliversTheAuditEntry() {
        UserId ann = newUser();
        Wallet wallet = wallets.find(ann).orElseThrow();
        wallet.credit(new Amount(123456), movement("op-1"), NOW);
        AuditEntry audit = audit(ann);
        wallets.commit(wallet, audit);

        Document rawWallet = rawWallet(ann);
        String json = rawWallet.toJson();
        assertFalse(json.contains("123456"), json);
        assertFalse(json.contains("outage"), json);
        assertTrue(new FakeFieldCipher().isCiphertext(rawWallet.getString("balance")));
        assertEquals(1L, rawWallet.get("_version"));
        assertEquals(List.of(audit), context.getBean(AuditLogStore.class).forUser(ann, 10).stream()
                .filter(a -> a.module().equals("wallet")).toList(), "audit entry delivered");
        assertTrue(raw.find(Filters.eq("_id", new ObjectId(ann.value()))).first()
                .getList(AuditOutbox.FIELD, Document.class).isEmpty());
    }

    @Test
    void theAccountsVersionAndTheWalletsVersionAreIndependent() {
        UserId ann = newUser();
        User account = users.findById(ann).orElseThrow();
        Wallet wallet = wallets.find(ann).orElseThrow();
        wallet.credit(new Amount(77), movement("op-1"), NOW);
        wallets.commit(wallet, audit(ann));

        account.changeProfile(null, "+1 555 0100", null, NOW);
        users.update(account, AuditEntry.of(ann, Actor.player(ann, "r"), "user.profile_updated", "user", List.of("phone"), NOW));
        assertEquals(77, wallets.find(ann).orElseThrow().balance(), "a profile change leaves the wallet alone");
        User shown = users.findById(ann).orElseThrow();
        assertEquals(77L, shown.modules().get("wallet").get("balance"));
        assertTrue(shown.modules().get("wallet").keySet().stream().noneMatch(field -> field.startsWith("_")),
                "the wallet's bookkeeping is not part of the account's view: " + shown.modules().get("wallet").keySet());
    }

    @Test
    void aWalletFromBeforeTheLedgerKeepsItsBalanceAsOpeningBalanceAndItsOtherFields() {
        UserId old = newUser();
        raw.updateOne(Filters.eq("_id", new ObjectId(old.value())), Updates.set("modules.wallet",
                new Document("balance", 4200L).append("transaction_history", List.of("legacy")).append("updated_at", Date.from(NOW))));
        Wallet wallet = wallets.find(old).orElseThrow();
        assertEquals(4200, wallet.balance());
        assertEquals(4200, wallet.openingBalance());
        assertEquals("CREDITS", wallet.currency().code());
        wallet.debit(new Amount(200), movement("op-1"), NOW);
        wallets.commit(wallet, audit(old));

        Wallet after = wallets.find(old).orElseThrow();
        assertEquals(4000, after.balance());
        assertEquals(4200, after.openingBalance());
        Document rawWallet = rawWallet(old);
        assertEquals(List.of("legacy"), rawWallet.get("transaction_history"), "nothing of the older system is dropped");
        assertTrue(new FakeFieldCipher().isCiphertext(rawWallet.getString("balance")), "encrypted on the first write");
    }

    @Test
    void aLegacyBalanceWrittenAsTextIsReadAndAnUnreadableOneStopsTheOperation() {
        UserId old = newUser();
        raw.updateOne(Filters.eq("_id", new ObjectId(old.value())), Updates.set("modules.wallet.balance", "250"));
        assertEquals(250, wallets.find(old).orElseThrow().balance());
        raw.updateOne(Filters.eq("_id", new ObjectId(old.value())), Updates.set("modules.wallet.balance", "lots"));
        assertEquals("modules.wallet.balance", assertThrows(StoredDataUnreadable.class, () -> wallets.find(old)).field());
    }

    @Test
    void usersWithoutAWalletGetOneOnTheFirstWrite() {
        for (Object absent : new Object[]{null, "remove"}) {
            UserId id = newUser();
            raw.updateOne(Filters.eq("_id", new ObjectId(id.value())),
                    absent == null ? Updates.set("modules.wallet", null) : Updates.unset("modules.wallet"));
            Wallet wallet = wallets.find(id).orElseThrow();
            assertEquals(0, wallet.balance());
            wallet.credit(new Amount(5), movement("op-1"), NOW);
            wallets.commit(wallet, audit(id));
            assertEquals(5, wallets.find(id).orElseThrow().balance());
        }
    }
}
