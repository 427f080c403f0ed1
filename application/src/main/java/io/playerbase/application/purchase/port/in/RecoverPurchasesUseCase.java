package io.playerbase.application.purchase.port.in;

public interface RecoverPurchasesUseCase {

    /** Finishes grants and refunds a crash interrupted. @return how many purchases it finished */
    int recover();
}
