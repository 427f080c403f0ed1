package io.playerbase.application.wallet.port.in;

import java.util.List;

/** @param nextCursor pass it to get the next (older) page; {@code null} on the last page */
public record LedgerPage(List<TransactionView> items, String nextCursor) {
    public LedgerPage {
        items = List.copyOf(items);
    }
}
