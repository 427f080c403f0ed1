package io.playerbase.adapters.rest.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The shape of a personal-data export for the API document (docs/privacy.md has every field). The
 * document itself is written by {@link ExportStream} section by section; these records describe it, and
 * the end-to-end tests check every export they fetch against this description.
 */
final class ExportDocument {

    private ExportDocument() {
    }

    @Serdeable
    @Schema(name = "PersonalDataExport", description = "Everything held about one account, decrypted, with the "
            + "GDPR Art. 15 information (about_this_export). Other accounts appear by username only (referral links).")
    record Document(Header export, Map<String, Object> aboutThisExport, Account account, List<StatusChange> statusHistory,
                    Map<String, Map<String, Object>> modules, @Nullable Wallet wallet, List<LedgerEntry> walletLedger,
                    List<Purchase> purchases, SubscriptionModule subscription, List<Subscription> subscriptions,
                    Referrals referrals,
                    List<ReferralLink> referralsMade, List<Match> dutchMatches, List<AuditEntry> audit,
                    List<ApiKey> apiKeys) {
    }

    /** @param requestedBy {@code you}, or {@code staff} (then {@code reason} says why) */
    @Serdeable
    @Schema(name = "PersonalDataExportHeader")
    record Header(String format, int version, Instant generatedAt, String subjectId, String requestedBy,
                  @Nullable String reason) {
    }

    @Serdeable
    @Schema(name = "PersonalDataExportAccount")
    record Account(String id, @Nullable String email, String username, @Nullable String phone, @Nullable String address,
                   String status, List<String> roles, boolean isCompPlayer, Instant createdAt, Instant updatedAt,
                   List<String> unreadableFields) {
    }

    /** @param by {@code you}, or the role of whoever did it ({@code admin}, {@code system}…) */
    @Serdeable
    @Schema(name = "PersonalDataExportStatusChange")
    record StatusChange(String action, List<String> changedFields, String by, Instant at) {
    }

    @Serdeable
    @Schema(name = "PersonalDataExportWallet")
    record Wallet(long balance, long debt, String currency, long openingBalance, long entries, @Nullable Instant updatedAt) {
    }

    @Serdeable
    @Schema(name = "PersonalDataExportLedgerEntry")
    record LedgerEntry(long sequence, String kind, long amount, long signedAmount, long balanceAfter, String currency,
                       String reason, @Nullable String description, String source, String by, Instant createdAt) {
    }

    @Serdeable
    @Schema(name = "PersonalDataExportPurchase")
    record Purchase(String id, String store, String productId, String kind, String status, long credits,
                    String storeTransactionId, String originalTransactionId, String sku, int quantity, String environment,
                    Instant purchasedAt, @Nullable Instant expiresAt, @Nullable Boolean autoRenew, String storeState,
                    @Nullable Instant revokedAt, @Nullable String linkedPurchaseToken, @Nullable String accountHint,
                    @Nullable Refund refund, String storePayload, Instant createdAt, Instant updatedAt) {
    }

    @Serdeable
    @Schema(name = "PersonalDataExportRefund")
    record Refund(String by, String reason, Instant at) {
    }

    /** @param current {@code modules.subscription} as stored */
    @Serdeable
    @Schema(name = "PersonalDataExportSubscriptionModule")
    record SubscriptionModule(Map<String, Object> current, List<PremiumGrant> premiumGrants) {
    }

    /** Premium given by hand by staff (who is not named). */
    @Serdeable
    @Schema(name = "PersonalDataExportPremiumGrant")
    record PremiumGrant(String id, Instant grantedAt, String reason, Instant expiresAt, @Nullable Instant revokedAt,
                        @Nullable String revokeReason) {
    }

    @Serdeable
    @Schema(name = "PersonalDataExportSubscription")
    record Subscription(String store, @Nullable String plan, @Nullable String sku, @Nullable String environment,
                        String status, @Nullable Instant startedAt, @Nullable Instant expiresAt,
                        @Nullable Instant graceUntil, @Nullable Instant resumesAt, @Nullable Boolean autoRenew,
                        @Nullable Instant revokedAt, @Nullable String revocationReason,
                        @Nullable String sourcePurchaseId, List<SubscriptionPeriod> periods,
                        List<SubscriptionChange> history, Instant createdAt, Instant updatedAt) {
    }

    @Serdeable
    @Schema(name = "PersonalDataExportSubscriptionPeriod")
    record SubscriptionPeriod(String storeTransactionId, @Nullable Instant startsAt, @Nullable Instant endsAt,
                              long credits, String creditState, @Nullable Instant refundedAt) {
    }

    /** @param event the store's notification type, {@code claim}, or {@code time} */
    @Serdeable
    @Schema(name = "PersonalDataExportSubscriptionChange")
    record SubscriptionChange(Instant at, @Nullable Instant storeTime, String event, String from, String to,
                              @Nullable Instant expiresAt, @Nullable Instant graceUntil, @Nullable Boolean autoRenew,
                              @Nullable String plan) {
    }

    @Serdeable
    @Schema(name = "PersonalDataExportReferrals")
    record Referrals(@Nullable String referralCode, boolean referralCodeDisabled, long referralCount, long rewardsEarned,
                     @Nullable ReferralLink referredBy) {
    }

    /** @param username the other account's username: the only thing about it an export shows */
    @Serdeable
    @Schema(name = "PersonalDataExportReferralLink")
    record ReferralLink(String username, String state, String code, Instant redeemedAt, @Nullable String qualifiedBy,
                        @Nullable Instant qualifiedAt, @Nullable Instant closedAt, @Nullable String closeReason,
                        @Nullable Reward yourReward) {
    }

    @Serdeable
    @Schema(name = "PersonalDataExportReward")
    record Reward(long amount, String state, @Nullable Instant paidAt, @Nullable Instant reversedAt) {
    }

    /** @param players how many played: the others are not named */
    @Serdeable
    @Schema(name = "PersonalDataExportMatch")
    record Match(String matchId, Instant startedAt, Instant endedAt, String result, long points, long coinsDelta, int players) {
    }

    @Serdeable
    @Schema(name = "PersonalDataExportAuditEntry")
    record AuditEntry(String id, String action, String module, List<String> changedFields, String by,
                      @Nullable String requestId, Instant at) {
    }

    @Serdeable
    @Schema(name = "PersonalDataExportApiKey")
    record ApiKey(String id, String name, List<String> scopes, Instant createdAt, @Nullable Instant revokedAt) {
    }
}
