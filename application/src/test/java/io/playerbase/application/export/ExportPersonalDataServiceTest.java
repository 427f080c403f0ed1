package io.playerbase.application.export;

import io.playerbase.application.export.port.in.ExportPersonalDataUseCase;
import io.playerbase.application.export.port.in.PersonalDataExport;
import io.playerbase.application.wallet.MoneyMovements;
import io.playerbase.application.wallet.WalletOperation;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.MatchState;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuditTrail;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.InMemoryApiKeys;
import io.playerbase.domain.testing.InMemoryDutchGame;
import io.playerbase.domain.testing.InMemoryLedger;
import io.playerbase.domain.testing.InMemoryModuleRegistry;
import io.playerbase.domain.testing.InMemoryPremiumAccounts;
import io.playerbase.domain.testing.InMemoryPurchaseRepository;
import io.playerbase.domain.testing.InMemorySubscriptionRepository;
import io.playerbase.domain.testing.InMemoryReferralAccounts;
import io.playerbase.domain.testing.InMemoryReferrals;
import io.playerbase.domain.testing.InMemoryUserRepository;
import io.playerbase.domain.testing.InMemoryWalletRepository;
import io.playerbase.domain.testing.MutableClock;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleDefinition;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.Username;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.LedgerHistory;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionSource;
import io.playerbase.domain.wallet.Wallet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export service on the domain's fakes: what it checks and records first, and the sections it reads lazily. */
class ExportPersonalDataServiceTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryWalletRepository wallets = new InMemoryWalletRepository();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final AtomicInteger ledgerReads = new AtomicInteger();
    private final AtomicInteger ledgerCloses = new AtomicInteger();
    private final LedgerHistory countingLedger = user -> {
        ledgerReads.incrementAndGet();
        return ledger.entries(user).onClose(ledgerCloses::incrementAndGet);
    };
    private final InMemoryReferralAccounts referralAccounts = new InMemoryReferralAccounts();
    private final InMemoryReferrals referrals = new InMemoryReferrals(referralAccounts::username);
    private final InMemoryDutchGame dutch = new InMemoryDutchGame();
    private final List<AuditEntry> recorded = new ArrayList<>();
    private final AuditTrail noHistory = (user, page) -> new Page<>(List.of(), null);
    private final ExportPersonalDataService service = new ExportPersonalDataService(users, wallets, countingLedger,
            new InMemoryPurchaseRepository(), new InMemorySubscriptionRepository(), new InMemoryPremiumAccounts(),
            referralAccounts, referrals, dutch, noHistory, new InMemoryApiKeys(),
            recorded::add, new ExportSettings(730, Duration.ofHours(24)), clock);

    private UserId user(String name) {
        UserId id = wallets.addUser();
        users.insert(User.register(id, new Email(name + "@example.com"), new Username(name), "hash", false,
                InMemoryModuleRegistry.standard().activeModules(), NOW), AuditEntry.of(id, Actor.system("t"), "user.registered",
                "user", List.of(), NOW));
        referralAccounts.add(id, name, false, NOW);
        return id;
    }

    private static Object section(PersonalDataExport export, String name) {
        for (PersonalDataExport.Section section : export.sections()) {
            if (section.name().equals(name)) {
                return section instanceof PersonalDataExport.Value value ? value.value()
                        : ((PersonalDataExport.Items) section).rows();
            }
        }
        throw new AssertionError("no section " + name);
    }

    private static List<Map<String, Object>> items(PersonalDataExport export, String name) {
        try (Stream<Map<String, Object>> rows = ((Supplier<Stream<Map<String, Object>>>) section(export, name)).get()) {
            return rows.toList();
        }
    }

    @Test
    void anUnknownOrErasedAccountIsNotFoundAndNothingIsRecorded() {
        assertThrows(NotFound.class, () -> service.export(ExportPersonalDataUseCase.Command.self(UserId.newId(NOW), "r")));
        UserId gone = user("gone");
        User erased = users.findById(gone).orElseThrow();
        erased.erase(NOW);
        users.erase(erased, AuditEntry.of(gone, Actor.system("t"), "user.erased", "user", List.of(), NOW));
        assertThrows(NotFound.class, () -> service.export(ExportPersonalDataUseCase.Command.self(gone, "r")));
        assertEquals(List.of(), recorded);
    }

    @Test
    void theExportIsAuditedBeforeAnySectionIsReadAndTheLedgerIsReadWhenWritten() {
        UserId ann = user("ann");
        MoneyMovements movements = new MoneyMovements(wallets, ledger, clock);
        int entries = ExportPersonalDataService.PAGE * 2 + 1;
        Actor admin = Actor.staff(UserId.newId(NOW), Actor.ActorRole.ADMIN, "r");
        for (int i = 0; i < entries; i++) {
            movements.apply(new WalletOperation.Credit(ann, new Amount(1), new Movement(new OperationId("c-" + i),
                    new ReasonCode("goodwill"), null, TransactionSource.ADMIN, admin)));
        }
        // The newest movement committed but not yet copied to the ledger (a crash between the two writes).
        Wallet wallet = wallets.find(ann).orElseThrow();
        LedgerEntry pending = wallet.credit(new Amount(5), new Movement(new OperationId("pending"), new ReasonCode("goodwill"),
                null, TransactionSource.ADMIN, Actor.system("t")), NOW);
        wallets.commit(wallet, AuditEntry.of(ann, Actor.system("t"), "wallet.credited", "wallet", List.of("balance"), NOW));

        PersonalDataExport export = service.export(ExportPersonalDataUseCase.Command.byStaff(ann, admin, "legal_obligation"));
        assertEquals(List.of("user.data_exported.legal_obligation"), recorded.stream().map(AuditEntry::action).toList());
        assertEquals(0, ledgerReads.get(), "nothing of the ledger is read before it is written");

        List<Map<String, Object>> rows = items(export, "wallet_ledger");
        assertEquals(entries + 1, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals((long) i + 1, rows.get(i).get("sequence"));
        }
        assertEquals(pending.sequence(), rows.get(rows.size() - 1).get("sequence"));
        assertEquals(1, ledgerReads.get(), "one cursor");
        assertEquals(1, ledgerCloses.get(), "closed once written");
        assertEquals("admin", rows.get(0).get("by"), "by role, never by id");
    }

    @Test
    void otherAccountsAppearByUsernameAndOpponentsAreOnlyCounted() {
        UserId bob = user("bob");
        UserId ann = dutch.addPlayer("ann", false, 100);
        UserId cat = dutch.addPlayer("cat", false, 100);
        // ann's stored module names her referrer by id, as the referral module writes it.
        Map<String, Object> referralModule = new LinkedHashMap<>();
        referralModule.put("referral_code", "ANNCODE2");
        referralModule.put("referred_by", bob.value());
        List<ModuleDefinition> modules = List.of(new ModuleDefinition("referrals", "active", 1, referralModule, "Referrals"));
        users.insert(User.register(ann, new Email("ann@example.com"), new Username("ann"), "hash", false, modules, NOW),
                AuditEntry.of(ann, Actor.system("t"), "user.registered", "user", List.of(), NOW));
        referralAccounts.add(ann, "ann", false, NOW);
        referrals.insert(Referral.redeem(ann, bob, new ReferralCode("BOBCODE2"), NOW));
        MatchReport report = new MatchReport(new MatchId("m-1"), NOW.minusSeconds(600), NOW, List.of(
                new PlayerResult(ann, MatchResult.WIN, 10, 0), new PlayerResult(cat, MatchResult.LOSS, 0, 0)));
        String attempt = dutch.insertOrGet(report, "pbk", NOW).attemptId();
        dutch.transition(report.matchId(), attempt, MatchState.RESERVING, MatchState.APPLIED, NOW);

        PersonalDataExport export = service.export(ExportPersonalDataUseCase.Command.self(ann, "r"));

        Map<String, Object> referralsSection = (Map<String, Object>) section(export, "referrals");
        assertEquals("bob", ((Map<String, Object>) referralsSection.get("referred_by")).get("username"));
        Map<String, Map<String, Object>> shown = (Map<String, Map<String, Object>>) section(export, "modules");
        assertEquals("bob", shown.get("referrals").get("referred_by"), "the referrer by username, not by id");
        List<Map<String, Object>> matches = items(export, "dutch_matches");
        assertEquals(1, matches.size());
        assertEquals("win", matches.get(0).get("result"));
        assertEquals(2, matches.get(0).get("players"));
        assertTrue(matches.get(0).values().stream().noneMatch(value -> String.valueOf(value).contains(cat.value())));
        assertEquals(List.of("user.data_exported"), recorded.stream().map(AuditEntry::action).toList());
    }
}
