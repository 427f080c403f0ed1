package io.playerbase.application.wallet.port.in;

public interface RecoverWalletsUseCase {

    /**
     * Completes money movements interrupted after their wallet write (a crash, an outage): copies each
     * wallet's unrecorded entry to the ledger and drops it from the wallet. Safe to run at any time and
     * from several instances at once.
     *
     * @return how many entries were completed
     */
    int recover();
}
