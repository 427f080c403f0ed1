package io.playerbase.application.wallet.port.in;

import java.time.Instant;

/**
 * @param debt      what the owner owes after a refund of spent credits (docs/purchases.md); usually 0
 * @param updatedAt when the balance last changed; {@code null} if it never did
 */
public record WalletView(String userId, long balance, long debt, String currency, Instant updatedAt) {
}
