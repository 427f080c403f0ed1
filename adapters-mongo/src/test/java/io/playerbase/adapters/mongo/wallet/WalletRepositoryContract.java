package io.playerbase.adapters.mongo.wallet;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.audit.AuditLogStore;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.adapters.mongo.testing.AdapterContext;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionSource;
import io.playerbase.domain.wallet.Wallet;
import io.playerbase.domain.wallet.WalletRepository;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules every {@link WalletRepository} adapter keeps; run against the embedded server and a real MongoDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WalletRepositoryContract {

    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    static final Actor ADMIN = new Actor("650000000000000000000099", Actor.ActorRole.ADMIN, "req-w");

    private ApplicationContext context;
    private WalletRepository wallets;
    private UserRepository users;
    private MongoCollection<Document> raw;

    abstract String connectionString();

    abstract MongoClient client();

    abstract boolean embedded();

    @BeforeAll
    void start() {
        context = AdapterContext.start(connectionString(), client(), embedded());
        wallets = context.getBean(WalletRepository.class);
        users = context.getBean(UserRepository.class);
        raw = context.getBean(MongoDatabase.class).getCollection("users");
    }

    @AfterAll
    void stop() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    private UserId newUser() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        User user = User.register(UserId.newId(NOW), new Email(name + "@example.com"), new Username(name), "$h", false,
                context.getBean(ModuleRegistry.class).activeModules(), NOW);
        users.insert(user, AuditEntry.of(user.id(), Actor.player(user.id(), "r"), "user.registered", "user", List.of(), NOW));
        return user.id();
    }

    static Movement movement(String operation) {
        return new Movement(new OperationId(operation), new ReasonCode("goodwill"), "Sorry about the outage",
                TransactionSource.ADMIN, ADMIN);
    }

    static AuditEntry audit(UserId user) {
        return AuditEntry.of(user, ADMIN, "wallet.credited", "wallet", List.of("balance"), NOW);
    }

    private Document rawWallet(UserId id) {
        return raw.find(Filters.eq("_id", new ObjectId(id.value()))).first().get("modules", Document.class)
                .get("wallet", Document.class);
    }

    @Test
    void aNewUsersWalletIsEmptyInTheDefaultCurrency() {
        Wallet wallet = wallets.find(newUser()).orElseThrow();
        assertEquals(0, wallet.balance());
        assertEquals("CREDITS", wallet.currency().code());
        assertEquals(0, wallet.sequence());
        assertEquals(0, wallet.version());
        assertEquals(LedgerEntry.GENESIS_HASH, wallet.headHash());
        assertNull(wallet.updatedAt());
        assertTrue(wallet.unrecordedEntry().isEmpty());
        assertTrue(wallets.find(UserId.newId(NOW)).isEmpty(), "no such user");
    }

    @Test
    void aCommitStoresBalanceHeadEntryAndAuditInOneWrite() {
        UserId ann = newUser();
        Wallet wallet = wallets.find(ann).orElseThrow();
        LedgerEntry entry = wallet.credit(new Amount(123456), movement("op-1"), NOW);
        AuditEntry audit = audit(ann);
        wallets.commit(wallet, audit);

        assertEquals(1, wallet.version());
        Wallet stored = wallets.find(ann).orElseThrow();
        assertEquals(123456, stored.balance());
        assertEquals(1, stored.sequence());
        assertEquals(1, stored.version());
        assertEquals(entry.hash(), stored.headHash());
        assertEquals(NOW, stored.updatedAt());
        assertEquals(entry, stored.unrecordedEntry().orElseThrow(), "the entry round-trips through the wallet");
        assertEquals(0, stored.openingBalance());

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
    void aStaleCommitIsRefusedAndChangesNothing() {
        UserId ann = newUser();
        Wallet first = wallets.find(ann).orElseThrow();
        Wallet second = wallets.find(ann).orElseThrow();
        first.credit(new Amount(10), movement("op-1"), NOW);
        wallets.commit(first, audit(ann));
        second.credit(new Amount(99), movement("op-2"), NOW);
        assertEquals("stale-version", assertThrows(Conflict.class, () -> wallets.commit(second, audit(ann))).code());
        assertEquals(10, wallets.find(ann).orElseThrow().balance());
        Wallet third = wallets.find(ann).orElseThrow();
        third.debit(new Amount(4), movement("op-3"), NOW);
        wallets.commit(third, audit(ann));
        assertEquals(6, wallets.find(ann).orElseThrow().balance());
        assertEquals(2, wallets.find(ann).orElseThrow().version());
    }

    @Test
    void markRecordedDropsOnlyTheNamedEntry() {
        UserId ann = newUser();
        Wallet wallet = wallets.find(ann).orElseThrow();
        wallet.credit(new Amount(10), movement("op-1"), NOW);
        wallets.commit(wallet, audit(ann));
        assertTrue(wallets.withUnrecordedEntries(10_000).contains(ann));

        wallets.markRecorded(ann, 2);
        assertTrue(wallets.find(ann).orElseThrow().unrecordedEntry().isPresent(), "another sequence: kept");
        wallets.markRecorded(ann, 1);
        Wallet after = wallets.find(ann).orElseThrow();
        assertTrue(after.unrecordedEntry().isEmpty());
        assertEquals(1, after.version(), "dropping the entry is not a change of the wallet");
        assertFalse(wallets.withUnrecordedEntries(10_000).contains(ann));
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
        assertThrows(IllegalStateException.class, () -> wallets.find(old));
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

    @Test
    void aDeletedAccountsWalletIsClosedAndRefusesCommits() {
        UserId gone = newUser();
        Wallet wallet = wallets.find(gone).orElseThrow();
        raw.updateOne(Filters.eq("_id", new ObjectId(gone.value())), Updates.set("status", "deleted"));
        assertTrue(wallets.find(gone).orElseThrow().closed());
        wallet.credit(new Amount(5), movement("op-1"), NOW);
        assertThrows(Conflict.class, () -> wallets.commit(wallet, audit(gone)));
        assertEquals(0, wallets.find(gone).orElseThrow().balance());
    }
}
