package io.playerbase.adapters.mongo.migration;

import io.mongock.api.annotations.ChangeUnit;

import java.util.List;

/**
 * Every change unit of this build, in order: given to Mongock explicitly (no classpath scanning, which
 * is fragile in a shaded jar) and compared with the change log for {@link MigrationStatus}.
 * A new change unit is added at the end of this list.
 */
final class ChangeUnits {

    static final List<Class<?>> ALL = List.of(
            V0001_CreateCollections.class,
            V0002_AddModuleRegistry.class,
            V0003_CreateComputerPlayers.class,
            V0004_AddStaffListingIndexes.class,
            V0005_AddWalletLedgerIndexes.class,
            V0010_AddEncryptionCollections.class,
            V0030_AddCompPlayerPicks.class,
            V0040_IndexLegacyUsers.class,
            V0041_BackfillLegacyUsers.class,
            V0050_AddPurchaseIndexes.class,
            V0060_AddLeases.class,
            V0061_AddRateLimitCounters.class,
            V0070_AddSubscriptions.class,
            V0071_GrantLegacyPremium.class,
            V0080_AddReferrals.class,
            V0081_IndexMatchesByPlayer.class,
            V0090_AddDashboardIndexes.class,
            V0095_IndexPendingUserKeys.class,
            V0096_AddPurchaseTimeIndex.class,
            V0100_AddClaims.class,
            V0101_ShardCollections.class,
            V0102_AddLeaderboardBoards.class,
            V0120_IndexUnprocessedNotifications.class);

    /**
     * Units that run in a Mongock run of their own before the others: they prepare a database of the old
     * system for V0001 (whose unique blind-index indexes cannot be built over users without entries).
     * They are in {@link #ALL} too, where they are already applied by then.
     */
    static final List<Class<?>> BEFORE_SCHEMA = List.of(V0040_IndexLegacyUsers.class);

    private ChangeUnits() {
    }

    static List<String> ids() {
        return ALL.stream().map(type -> type.getAnnotation(ChangeUnit.class).id()).toList();
    }
}
