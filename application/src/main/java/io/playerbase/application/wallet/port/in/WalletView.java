package io.playerbase.application.wallet.port.in;

import java.time.Instant;

/** @param updatedAt when the balance last changed; {@code null} if it never did */
public record WalletView(String userId, long balance, String currency, Instant updatedAt) {
}
