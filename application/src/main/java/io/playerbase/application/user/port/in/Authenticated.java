package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.UserId;

import java.util.List;

/** A successfully authenticated account: what goes into its tokens. */
public record Authenticated(UserId userId, List<String> roles, int credentialsVersion) {
}
