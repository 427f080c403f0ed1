package io.playerbase.application.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The information GDPR Art. 15(1) asks for besides the data itself: purposes, categories, recipients,
 * retention, source, and the person's rights. The same text is in docs/privacy.md; the retention periods
 * that are configurable are the configured ones.
 */
final class ExportMetadata {

    private ExportMetadata() {
    }

    static Map<String, Object> describe(ExportSettings settings) {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("purposes", List.of(
                entry("account", "Running your player account: registration, log-in, profile, security (contract)."),
                entry("wallet", "Keeping your credits and an accounting record of every movement (contract; legal obligation for accounting records)."),
                entry("purchases", "Verifying and granting in-app purchases, handling refunds (contract; legal obligation)."),
                entry("subscription", "Providing a premium subscription bought in a store (contract)."),
                entry("referrals", "The referral programme: your code, who referred you, whom you referred, rewards and fraud limits (contract; legitimate interest in preventing abuse)."),
                entry("dutch_game", "Statistics, leaderboards and matchmaking of the card game Dutch (contract)."),
                entry("security_and_audit", "Recording who changed what and when, rate limits against abuse (legitimate interest; security)."),
                entry("support", "Answering your requests and investigating problems (contract; legitimate interest).")));
        about.put("categories", List.of(
                entry("identity_and_contact", "email, username, phone, address"),
                entry("credentials", "a one-way hash of your password (not included in this export), token versions"),
                entry("account_status", "status, roles, creation and change times"),
                entry("financial", "wallet balance, debt, ledger entries, purchases and refunds, store receipts as verified by the store"),
                entry("game", "Dutch statistics and the matches you played (your own line of each)"),
                entry("referrals", "your referral code, the referral links you are part of (other accounts by username only), rewards"),
                entry("usage_and_security", "audit entries about your account: actions, changed field names (never values), request ids")));
        about.put("recipients", List.of(
                entry("apple_app_store", "Apple: purchase verification (signed transactions checked offline) and its server notifications about refunds."),
                entry("google_play", "Google: purchase verification and acknowledgement through the Google Play Developer API, and its refund notifications."),
                entry("game_servers", "Game servers of the platform: your user id, username and status, and your match results they report."),
                entry("staff", "Support staff (read) and administrators of the operator."),
                entry("hosting", "The operator's hosting and database providers, as processors.")));
        about.put("retention", List.of(
                retention("users", "Your account, until you delete it. Erasure destroys your personal data key (email, phone and address become unreadable) and releases your email and username; the statistics stay under an anonymous name."),
                retention("user_keys", "Your personal data key, until erasure; then destroyed."),
                retention("wallet_transactions", "The ledger: kept after erasure as accounting records (amounts encrypted); no automatic deletion."),
                retention("user_purchases", "Purchases and refunds: kept as accounting records; no automatic deletion."),
                retention("subscriptions", "Your store subscriptions with their periods and history: kept as accounting records; no automatic deletion."),
                retention("store_notifications", "The stores' notifications about your purchases: kept for support; no automatic deletion."),
                retention("referrals", "Referral links: kept with the accounts; after erasure the link shows the anonymous name."),
                retention("referral_codes", "Which code belongs to which account: kept, so a code is never given out twice."),
                retention("dutch_matches", "Match reports: kept for the statistics; after erasure they name your anonymous account."),
                retention("user_audit_logs", "Audit entries: " + settings.auditRetentionDays() + " days, then deleted."),
                retention("idempotency_keys", "Stored responses of retried requests: " + settings.idempotencyRetention().toHours() + " hours."),
                retention("rate_limit_counters", "Counters of requests per account and address (keyed hashes): until their window ends.")));
        about.put("source", List.of(
                entry("you", "What you entered: registration, profile changes, codes you redeemed, purchases you claimed."),
                entry("the_service", "What Playerbase produced: ids, your referral code, ledger entries, audit entries, statistics."),
                entry("game_servers", "The results of your Dutch matches."),
                entry("stores", "Apple and Google: the verified details of your purchases and refunds."),
                entry("other_players", "A player who redeemed your code (their username), or whose code you redeemed.")));
        about.put("automated_decision_making", "None with legal or similarly significant effects. Fraud limits of the referral "
                + "programme (a cap and a velocity limit per referrer, a hold period after purchases) decide whether a reward is paid.");
        about.put("rights", "You may obtain this copy (Art. 15) and take it elsewhere (Art. 20), have your data corrected "
                + "(profile changes), have it erased (deleting your account), object to or restrict processing and lodge a "
                + "complaint with a supervisory authority. Contact the operator of this service.");
        return about;
    }

    private static Map<String, Object> entry(String name, String description) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("description", description);
        return entry;
    }

    private static Map<String, Object> retention(String collection, String period) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("collection", collection);
        entry.put("retention", period);
        return entry;
    }
}
