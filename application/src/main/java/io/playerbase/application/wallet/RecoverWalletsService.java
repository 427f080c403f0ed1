package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.RecoverWalletsUseCase;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.WalletRepository;
import jakarta.inject.Singleton;

@Singleton
final class RecoverWalletsService implements RecoverWalletsUseCase {

    static final int BATCH = 500;
    private static final System.Logger LOG = System.getLogger(RecoverWalletsService.class.getName());

    private final WalletRepository wallets;
    private final MoneyMovements movements;

    RecoverWalletsService(WalletRepository wallets, MoneyMovements movements) {
        this.wallets = wallets;
        this.movements = movements;
    }

    @Override
    public int recover() {
        int completed = 0;
        for (UserId userId : wallets.withUnrecordedEntries(BATCH)) {
            try {
                var entry = wallets.find(userId).flatMap(wallet -> wallet.unrecordedEntry());
                if (entry.isPresent()) {
                    movements.record(entry.get());
                    completed++;
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Wallet of " + userId + " not recovered yet: " + e.getMessage());
            }
        }
        if (completed > 0) {
            LOG.log(System.Logger.Level.INFO, "Recorded " + completed + " interrupted wallet entries in the ledger");
        }
        return completed;
    }
}
