package io.playerbase.application.purchase.port.in;

public interface RecoverPurchasesUseCase {

    /**
     * Finishes store notifications, grants and refunds a crash interrupted.
     * @return how many notifications and purchases it finished
     */
    int recover();
}
