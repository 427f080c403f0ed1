package io.playerbase.application.export;

import io.playerbase.application.access.port.in.ApiKeyView;
import io.playerbase.application.export.port.in.ExportPersonalDataUseCase;
import io.playerbase.application.export.port.in.PersonalDataExport;
import io.playerbase.application.export.port.in.PersonalDataExport.Items;
import io.playerbase.application.export.port.in.PersonalDataExport.Section;
import io.playerbase.application.export.port.in.PersonalDataExport.Value;
import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.ApiKeyListing;
import io.playerbase.domain.dutchgame.MatchHistory;
import io.playerbase.domain.dutchgame.MatchRecord;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.Refund;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.referral.Qualification;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralLink;
import io.playerbase.domain.referral.ReferralListing;
import io.playerbase.domain.referral.Reward;
import io.playerbase.domain.referral.Side;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuditRecorder;
import io.playerbase.domain.shared.AuditTrail;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.ObjectIds;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumAccount;
import io.playerbase.domain.subscription.PremiumAccountRepository;
import io.playerbase.domain.subscription.PremiumGrant;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionChange;
import io.playerbase.domain.subscription.SubscriptionPeriod;
import io.playerbase.domain.subscription.SubscriptionRepository;
import io.playerbase.domain.user.Role;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.UserStatus;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.LedgerHistory;
import io.playerbase.domain.wallet.Wallet;
import io.playerbase.domain.wallet.WalletRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Iterator;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Builds a personal-data export (docs/privacy.md). The account is checked and the export audited here,
 * before anything is written to the caller; the long sections are read while the REST adapter streams
 * them: the ledger through one cursor ({@link LedgerHistory}), the others ({@link LazyPages}) a page at
 * a time. Nothing of another person appears but the username of an account
 * a referral links to: opponents are counted, not named, and staff appear by role only.
 */
@Singleton
final class ExportPersonalDataService implements ExportPersonalDataUseCase {

    static final String FORMAT = "playerbase.personal-data-export";
    static final int VERSION = 1;
    /** Rows per page of the paged sections: the memory an export holds at most, per section being written. */
    static final int PAGE = 500;
    /** Audit actions that change an account's status or roles: its status history. */
    static final Set<String> STATUS_ACTIONS = Set.of("user.registered", "user.admin_created", "user.comp_player_added",
            "user.suspended", "user.reinstated", "user.roles_changed", "user.erased");

    private final UserRepository users;
    private final WalletRepository wallets;
    private final LedgerHistory ledger;
    private final PurchaseRepository purchases;
    private final SubscriptionRepository subscriptions;
    private final PremiumAccountRepository premium;
    private final ReferralAccounts referralAccounts;
    private final ReferralListing referrals;
    private final MatchHistory matches;
    private final AuditTrail audit;
    private final ApiKeyListing apiKeys;
    private final AuditRecorder recorder;
    private final ExportSettings settings;
    private final Clock clock;

    ExportPersonalDataService(UserRepository users, WalletRepository wallets, LedgerHistory ledger,
                              PurchaseRepository purchases, SubscriptionRepository subscriptions,
                              PremiumAccountRepository premium, ReferralAccounts referralAccounts, ReferralListing referrals,
                              MatchHistory matches, AuditTrail audit, ApiKeyListing apiKeys, AuditRecorder recorder,
                              ExportSettings settings, Clock clock) {
        this.users = users;
        this.wallets = wallets;
        this.ledger = ledger;
        this.purchases = purchases;
        this.subscriptions = subscriptions;
        this.premium = premium;
        this.referralAccounts = referralAccounts;
        this.referrals = referrals;
        this.matches = matches;
        this.audit = audit;
        this.apiKeys = apiKeys;
        this.recorder = recorder;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public PersonalDataExport export(Command command) {
        UserId subject = command.subject();
        User user = users.findById(subject).filter(found -> found.status() != UserStatus.DELETED)
                .orElseThrow(() -> new NotFound("user-not-found", "No such user"));
        Instant now = clock.instant();
        String action = command.reason() == null ? "user.data_exported" : "user.data_exported." + command.reason().wire();
        // Recorded before a byte is sent: no export goes unaudited.
        recorder.record(AuditEntry.of(subject, command.requester(), action, "user", List.of(), now));

        List<Section> sections = new ArrayList<>();
        sections.add(new Value("export", header(command, now)));
        sections.add(new Value("about_this_export", ExportMetadata.describe(settings)));
        sections.add(new Value("account", account(user)));
        sections.add(new Items("status_history", statusHistory(subject)));
        Optional<ReferralLink> referredBy = referrals.referralOf(subject);
        sections.add(new Value("modules", modules(user, referredBy)));
        Optional<Wallet> wallet = wallets.find(subject);
        sections.add(new Value("wallet", wallet.map(ExportPersonalDataService::wallet).orElse(null)));
        sections.add(new Items("wallet_ledger", ledger(subject, wallet.flatMap(Wallet::unrecordedEntry))));
        sections.add(new Items("purchases", purchases(subject)));
        sections.add(new Value("subscription", subscription(user, premium.find(subject))));
        sections.add(new Items("subscriptions", subscriptions(subject)));
        sections.add(new Value("referrals", referrals(subject, referredBy)));
        sections.add(new Items("referrals_made", referralsMade(subject)));
        sections.add(new Items("dutch_matches", matches(subject)));
        sections.add(new Items("audit", auditEntries(subject)));
        sections.add(new Items("api_keys", apiKeys(subject)));
        return new PersonalDataExport(subject.value(), sections);
    }

    private static Map<String, Object> header(Command command, Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", FORMAT);
        header.put("version", VERSION);
        header.put("generated_at", now);
        header.put("subject_id", command.subject().value());
        header.put("requested_by", command.reason() == null ? "you" : "staff");
        header.put("reason", command.reason() == null ? null : command.reason().wire());
        return header;
    }

    private static Map<String, Object> account(User user) {
        Set<String> unreadable = user.unreadableFields();
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", user.id().value());
        account.put("email", unreadable.contains("email") ? null : user.email().value());
        account.put("username", user.username().value());
        account.put("phone", unreadable.contains("phone") ? null : user.phone());
        account.put("address", unreadable.contains("address") ? null : user.address());
        account.put("status", user.status().wire());
        account.put("roles", user.roles().stream().map(Role::wire).sorted().toList());
        account.put("is_comp_player", user.compPlayer());
        account.put("created_at", user.createdAt());
        account.put("updated_at", user.updatedAt());
        account.put("unreadable_fields", List.copyOf(unreadable));
        return account;
    }

    private Supplier<Stream<Map<String, Object>>> statusHistory(UserId subject) {
        Iterable<AuditEntry> entries = auditPages(subject);
        return rows(() -> new FilteringIterator<>(entries.iterator(), entry -> STATUS_ACTIONS.contains(entry.action()),
                entry -> {
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("action", entry.action());
                    change.put("changed_fields", entry.changedFields());
                    change.put("by", by(entry.actor(), subject));
                    change.put("at", entry.timestamp());
                    return change;
                }));
    }

    private static Map<String, Object> wallet(Wallet wallet) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("balance", wallet.balance());
        view.put("debt", wallet.debt());
        view.put("currency", wallet.currency().code());
        view.put("opening_balance", wallet.openingBalance());
        view.put("entries", wallet.sequence());
        view.put("updated_at", wallet.updatedAt());
        return view;
    }

    /**
     * The whole ledger, oldest first, through one cursor; then the wallet's newest entry if the ledger
     * did not hold it yet (a movement between its two writes).
     */
    private Supplier<Stream<Map<String, Object>>> ledger(UserId subject, Optional<LedgerEntry> unrecorded) {
        return () -> {
            AtomicLong last = new AtomicLong();
            Stream<LedgerEntry> recorded = ledger.entries(subject).peek(entry -> last.set(entry.sequence()));
            Stream<LedgerEntry> pending = unrecorded.stream().filter(entry -> entry.sequence() > last.get());
            return Stream.concat(recorded, pending).map(entry -> ledgerEntry(entry, subject));
        };
    }

    private static Map<String, Object> ledgerEntry(LedgerEntry entry, UserId subject) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sequence", entry.sequence());
        row.put("kind", entry.kind().wire());
        row.put("amount", entry.amount().minorUnits());
        row.put("signed_amount", entry.signedAmount());
        row.put("balance_after", entry.balanceAfter());
        row.put("currency", entry.currency().code());
        row.put("reason", entry.reason().value());
        row.put("description", entry.description());
        row.put("source", entry.source().wire());
        row.put("by", by(entry.actor(), subject));
        row.put("created_at", entry.createdAt());
        return row;
    }

    private Supplier<Stream<Map<String, Object>>> purchases(UserId subject) {
        LazyPages<String, Purchase> pages = new LazyPages<>(cursor -> {
            Page<Purchase> page = purchases.forUser(subject, new PageRequest(cursor, PageRequest.MAX_LIMIT));
            return new LazyPages.Page<>(page.items(), page.nextCursor());
        });
        return rows(() -> new FilteringIterator<>(pages.iterator(), purchase -> true, ExportPersonalDataService::purchase));
    }

    private static Map<String, Object> purchase(Purchase purchase) {
        VerifiedPurchase v = purchase.verified();
        Refund refund = purchase.refund().orElse(null);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", purchase.id().value());
        row.put("store", v.store().wireName());
        row.put("product_id", purchase.productId().value());
        row.put("kind", v.kind().wireName());
        row.put("status", purchase.status().wire());
        row.put("credits", purchase.credits());
        row.put("store_transaction_id", v.storeTransactionId());
        row.put("original_transaction_id", v.originalTransactionId());
        row.put("sku", v.sku());
        row.put("quantity", v.quantity());
        row.put("environment", v.environment());
        row.put("purchased_at", v.purchasedAt());
        row.put("expires_at", v.expiresAt());
        row.put("auto_renew", v.autoRenew());
        row.put("store_state", v.state().name().toLowerCase(Locale.ROOT));
        row.put("revoked_at", v.revokedAt());
        row.put("linked_purchase_token", v.linkedPurchaseToken());
        row.put("account_hint", v.accountHint());
        row.put("refund", refund == null ? null : refund(refund));
        row.put("store_payload", v.rawPayload());
        row.put("created_at", purchase.createdAt());
        row.put("updated_at", purchase.updatedAt());
        return row;
    }

    private static Map<String, Object> refund(Refund refund) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("by", refund.by());
        row.put("reason", refund.reason());
        row.put("at", refund.at());
        return row;
    }

    /** The account's copy of its subscription as stored, and the premium staff granted by hand. */
    private static Map<String, Object> subscription(User user, Optional<PremiumAccount> account) {
        Map<String, Object> subscription = new LinkedHashMap<>();
        subscription.put("current", user.modules().getOrDefault("subscription", Collections.emptyMap()));
        subscription.put("premium_grants", account.map(PremiumAccount::grants).orElse(List.of()).stream()
                .map(ExportPersonalDataService::grant).toList());
        return subscription;
    }

    private static Map<String, Object> grant(PremiumGrant grant) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", grant.id());
        row.put("granted_at", grant.grantedAt());
        row.put("reason", grant.reason());
        row.put("expires_at", grant.expiresAt());
        row.put("revoked_at", grant.revokedAt());
        row.put("revoke_reason", grant.revokeReason());
        return row;
    }

    /**
     * Every store subscription the account holds, with its paid periods and its whole history. One query:
     * an account holds a handful (one per App Store original transaction or Google Play token chain).
     */
    private Supplier<Stream<Map<String, Object>>> subscriptions(UserId subject) {
        return () -> subscriptions.forUser(subject).stream().map(ExportPersonalDataService::storeSubscription);
    }

    private static Map<String, Object> storeSubscription(Subscription subscription) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("store", subscription.store().wireName());
        row.put("plan", subscription.plan().orElse(null));
        row.put("sku", subscription.sku().orElse(null));
        row.put("environment", subscription.environment().orElse(null));
        row.put("status", subscription.status().wire());
        row.put("started_at", subscription.startedAt().orElse(null));
        row.put("expires_at", subscription.expiresAt().orElse(null));
        row.put("grace_until", subscription.graceUntil().orElse(null));
        row.put("resumes_at", subscription.resumesAt().orElse(null));
        row.put("auto_renew", subscription.autoRenew().orElse(null));
        row.put("revoked_at", subscription.revokedAt().orElse(null));
        row.put("revocation_reason", subscription.revocationReason().orElse(null));
        row.put("source_purchase_id", subscription.sourcePurchaseId().orElse(null));
        row.put("periods", subscription.periods().stream().map(ExportPersonalDataService::period).toList());
        row.put("history", subscription.history().stream().map(ExportPersonalDataService::change).toList());
        row.put("created_at", subscription.createdAt());
        row.put("updated_at", subscription.updatedAt());
        return row;
    }

    private static Map<String, Object> period(SubscriptionPeriod period) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("store_transaction_id", period.transactionId());
        row.put("starts_at", period.startsAt());
        row.put("ends_at", period.endsAt());
        row.put("credits", period.credits());
        row.put("credit_state", period.state().name().toLowerCase(Locale.ROOT));
        row.put("refunded_at", period.refundedAt());
        return row;
    }

    private static Map<String, Object> change(SubscriptionChange change) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at", change.at());
        row.put("store_time", change.storeTime());
        row.put("event", change.event());
        row.put("from", change.from().wire());
        row.put("to", change.to().wire());
        row.put("expires_at", change.expiresAt());
        row.put("grace_until", change.graceUntil());
        row.put("auto_renew", change.autoRenew());
        row.put("plan", change.plan());
        return row;
    }

    /**
     * Every module as stored (decrypted, bookkeeping left out), except that {@code referrals.referred_by}, which
     * holds the referrer's user id, shows the referrer's username: nothing else of another account.
     */
    private static Map<String, Map<String, Object>> modules(User user, Optional<ReferralLink> referredBy) {
        Map<String, Map<String, Object>> modules = new LinkedHashMap<>(user.modules());
        Map<String, Object> referral = modules.get("referrals");
        if (referral != null && referral.get("referred_by") instanceof String stored && ObjectIds.isHex24(stored)) {
            Map<String, Object> shown = new LinkedHashMap<>(referral);
            shown.put("referred_by", referredBy.map(ReferralLink::username).orElse(null));
            modules.put("referrals", shown);
        }
        return modules;
    }

    private Map<String, Object> referrals(UserId subject, Optional<ReferralLink> referredBy) {
        Optional<ReferralAccount> account = referralAccounts.find(subject);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("referral_code", account.map(ReferralAccount::code).orElse(null));
        view.put("referral_code_disabled", account.map(ReferralAccount::codeDisabled).orElse(false));
        view.put("referral_count", account.map(ReferralAccount::referralCount).orElse(0L));
        view.put("rewards_earned", account.map(ReferralAccount::rewardsEarned).orElse(0L));
        view.put("referred_by", referredBy.map(link -> link(link, Side.REFEREE)).orElse(null));
        return view;
    }

    private Supplier<Stream<Map<String, Object>>> referralsMade(UserId subject) {
        LazyPages<String, ReferralLink> pages = new LazyPages<>(cursor -> {
            Page<ReferralLink> page = referrals.referredBy(subject, new PageRequest(cursor, PageRequest.MAX_LIMIT));
            return new LazyPages.Page<>(page.items(), page.nextCursor());
        });
        return rows(() -> new FilteringIterator<>(pages.iterator(), link -> true, link -> link(link, Side.REFERRER)));
    }

    /** A referral link: the other account by username only, and the subject's own side of the reward. */
    private static Map<String, Object> link(ReferralLink link, Side mine) {
        Referral referral = link.referral();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("username", link.username());
        row.put("state", referral.state().wire());
        row.put("code", referral.code().value());
        row.put("redeemed_at", referral.redeemedAt());
        Qualification by = referral.qualification().orElse(null);
        row.put("qualified_by", by == null ? null : by.kind().wire());
        row.put("qualified_at", by == null ? null : by.at());
        row.put("closed_at", referral.closedAt().orElse(null));
        row.put("close_reason", referral.closeReason().orElse(null));
        Reward reward = referral.reward(mine);
        if (reward == null) {
            row.put("your_reward", null);
        } else {
            Map<String, Object> own = new LinkedHashMap<>();
            own.put("amount", reward.amount());
            own.put("state", reward.state().wire());
            own.put("paid_at", reward.paidAt());
            own.put("reversed_at", reward.reversal() == null ? null : reward.reversal().doneAt());
            row.put("your_reward", own);
        }
        return row;
    }

    /** The matches the subject played: their own line; the others are counted, not named. */
    private Supplier<Stream<Map<String, Object>>> matches(UserId subject) {
        LazyPages<String, MatchRecord> pages = new LazyPages<>(after -> {
            List<MatchRecord> page = matches.appliedFor(subject, after, PAGE);
            return new LazyPages.Page<>(page, page.size() < PAGE ? null : page.get(page.size() - 1).attemptId());
        });
        return rows(() -> new FilteringIterator<>(pages.iterator(), match -> true, match -> {
            PlayerResult own = match.report().players().stream().filter(line -> line.userId().equals(subject)).findFirst()
                    .orElseThrow();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("match_id", match.report().matchId().value());
            row.put("started_at", match.report().startedAt());
            row.put("ended_at", match.report().endedAt());
            row.put("result", own.result().name().toLowerCase(Locale.ROOT));
            row.put("points", own.points());
            row.put("coins_delta", own.coinsDelta());
            row.put("players", match.report().players().size());
            return row;
        }));
    }

    private Iterable<AuditEntry> auditPages(UserId subject) {
        return new LazyPages<String, AuditEntry>(cursor -> {
            Page<AuditEntry> page = audit.forUser(subject, new PageRequest(cursor, PageRequest.MAX_LIMIT));
            return new LazyPages.Page<>(page.items(), page.nextCursor());
        });
    }

    private Supplier<Stream<Map<String, Object>>> auditEntries(UserId subject) {
        Iterable<AuditEntry> entries = auditPages(subject);
        return rows(() -> new FilteringIterator<>(entries.iterator(), entry -> true, entry -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", entry.id());
            row.put("action", entry.action());
            row.put("module", entry.module());
            row.put("changed_fields", entry.changedFields());
            row.put("by", by(entry.actor(), subject));
            row.put("request_id", entry.actor().requestId());
            row.put("at", entry.timestamp());
            return row;
        }));
    }

    /** The API keys the subject created (staff only ever do), without secrets. */
    private Supplier<Stream<Map<String, Object>>> apiKeys(UserId subject) {
        LazyPages<String, ApiKey> pages = new LazyPages<>(cursor -> {
            Page<ApiKey> page = apiKeys.list(new PageRequest(cursor, PageRequest.MAX_LIMIT));
            return new LazyPages.Page<>(page.items(), page.nextCursor());
        });
        return rows(() -> new FilteringIterator<>(pages.iterator(), key -> subject.value().equals(key.createdBy()), key -> {
            ApiKeyView view = ApiKeyView.of(key);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", view.id());
            row.put("name", view.name());
            row.put("scopes", view.scopes());
            row.put("created_at", view.createdAt());
            row.put("revoked_at", key.revokedAt());
            return row;
        }));
    }

    /** Rows read page by page as the stream is consumed (nothing to close: each page is one query). */
    private static Supplier<Stream<Map<String, Object>>> rows(Supplier<Iterator<Map<String, Object>>> iterator) {
        return () -> StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator.get(), Spliterator.ORDERED), false);
    }

    /** Who did it, as the subject may see it: themselves, or the role of someone else (never their id). */
    private static String by(Actor actor, UserId subject) {
        return actor.id().equals(subject.value()) ? "you" : actor.role().name().toLowerCase(Locale.ROOT);
    }
}
