package io.playerbase.bootstrap.openapi;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.bootstrap.StaffAccounts;
import io.playerbase.client.ApiClient;
import io.playerbase.client.ApiException;
import io.playerbase.client.api.AdminApi;
import io.playerbase.client.api.AuthApi;
import io.playerbase.client.api.DutchGameApi;
import io.playerbase.client.api.UsersApi;
import io.playerbase.client.api.WalletApi;
import io.playerbase.client.api.WalletStaffApi;
import io.playerbase.client.model.CreateApiKeyRequest;
import io.playerbase.client.model.CreatedApiKeyResponse;
import io.playerbase.client.model.LeaderboardResponse;
import io.playerbase.client.model.LogInRequest;
import io.playerbase.client.model.MatchResponse;
import io.playerbase.client.model.MoveMoneyRequest;
import io.playerbase.client.model.RegisterUserRequest;
import io.playerbase.client.model.ReportMatchLine;
import io.playerbase.client.model.ReportMatchRequest;
import io.playerbase.client.model.TokenResponse;
import io.playerbase.client.model.TransactionResponse;
import io.playerbase.client.model.UpdateProfileRequest;
import io.playerbase.client.model.UserResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client developer's first scenario, through the Java client that the build generates from the
 * OpenAPI document (openapi-generator, bootstrap/pom.xml) and nothing else: if the document lies
 * about a path, a field, a status or a security scheme, this fails.
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class GeneratedClientEndToEndTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    EmbeddedServer server;

    @Inject
    ApplicationContext context;

    /** A client that sends {@code authorization} as given (a bearer token or an API key), or none. */
    private ApiClient client(String authorization) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.getURL().toString());
        if (authorization != null) {
            client.setRequestInterceptor(builder -> builder.header("Authorization", authorization));
        }
        return client;
    }

    @Test
    void aPlayerAGameServerAndAnAdminThroughTheGeneratedClient() throws ApiException {
        String name = "gen" + UUID.randomUUID().toString().substring(0, 8);
        AuthApi anonymous = new AuthApi(client(null));
        UserResponse registered = anonymous.registerUser(new RegisterUserRequest()
                .email(name + "@example.com").username(name).password(PASSWORD));
        assertEquals(name, registered.getUsername());
        assertNull(registered.getPhone(), "optional fields come back as null, as documented");

        TokenResponse tokens = anonymous.logIn(new LogInRequest().login(name).password(PASSWORD));
        assertEquals("Bearer", tokens.getTokenType());
        String player = "Bearer " + tokens.getAccessToken();

        UsersApi me = new UsersApi(client(player));
        UserResponse read = me.getMyAccount();
        assertEquals(registered.getId(), read.getId());
        assertEquals(registered.getCreatedAt(), read.getCreatedAt(), "one timestamp precision: the answer that "
                + "wrote it and a later read agree");
        UserResponse updated = me.updateMyProfile(new UpdateProfileRequest().phone("+31 20 123 4567"));
        assertEquals("+31 20 123 4567", updated.getPhone());
        assertEquals(name, updated.getUsername(), "an absent username stays");
        assertEquals(0L, new WalletApi(client(player)).getMyWallet().getBalance());

        String admin = "Bearer " + StaffAccounts.admin(context);
        WalletStaffApi staffWallet = new WalletStaffApi(client(admin));
        String key = UUID.randomUUID().toString();
        MoveMoneyRequest credit = new MoveMoneyRequest().amount(250L).reason("goodwill");
        TransactionResponse first = staffWallet.creditUserWallet(key, registered.getId(), credit);
        TransactionResponse replay = staffWallet.creditUserWallet(key, registered.getId(), credit);
        assertEquals(first.getId(), replay.getId(), "the same Idempotency-Key moves the money once");
        assertEquals(250L, new WalletApi(client(player)).getMyWallet().getBalance());

        CreatedApiKeyResponse apiKey = new AdminApi(client(admin)).createApiKey(new CreateApiKeyRequest()
                .name("table-server-" + name).scopes(List.of("matches:write", "users:read")));
        String gameServer = "ApiKey " + apiKey.getApiKey();
        assertEquals(name, new UsersApi(client(gameServer)).getPlayerProfile(registered.getId()).getUsername());

        String rival = "gen" + UUID.randomUUID().toString().substring(0, 8);
        UserResponse other = anonymous.registerUser(new RegisterUserRequest()
                .email(rival + "@example.com").username(rival).password(PASSWORD));
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).truncatedTo(ChronoUnit.SECONDS);
        MatchResponse match = new DutchGameApi(client(gameServer)).reportMatch(new ReportMatchRequest()
                .matchId("gen-" + UUID.randomUUID())
                .startedAt(end.minusMinutes(10)).endedAt(end)
                .players(List.of(
                        new ReportMatchLine().userId(registered.getId()).result("win").points(12L).coinsDelta(5L),
                        new ReportMatchLine().userId(other.getId()).result("loss").points(3L).coinsDelta(-5L))));
        assertEquals(2, match.getPlayers().size());

        LeaderboardResponse board = new DutchGameApi(client(null)).getLeaderboard("points", 100, null, false);
        assertTrue(board.getEntries().stream().anyMatch(entry -> entry.getPlayer().getUserId().equals(registered.getId())),
                "the winner is on the leaderboard");

        ApiException refused = assertThrows(ApiException.class, () -> new WalletApi(client(gameServer)).getMyWallet());
        assertEquals(403, refused.getCode(), "an API key is not a player");
        assertTrue(refused.getResponseBody().contains("urn:playerbase:problem:forbidden"));
    }
}
