package io.playerbase.bootstrap;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.application.compplayer.port.in.PickCompPlayersUseCase;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admins manage computer players over HTTP (admin JWT). Picking goes through the use case: its
 * endpoint needs a game-server API key ({@code comp-players:read}), which arrives with the
 * access-control branch.
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class CompPlayersEndToEndTest {

    @Inject
    ApplicationContext context;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    PickCompPlayersUseCase pick;
    @Inject
    MongoDatabase database;

    private int pickable() {
        for (int count = 8; count > 0; count--) {
            try {
                pick.pick(new PickCompPlayersUseCase.Command(count));
                return count;
            } catch (RuleViolation e) {
                // fewer exist; the message says how many, which the service test checks
            }
        }
        return 0;
    }

    @Test
    void anAdminAddsSuspendsAndReinstatesAComputerPlayer() {
        String admin = StaffAccounts.admin(context);
        assertEquals(5, pickable());
        HttpResponse<Map> created = http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/comp-players",
                Map.of("username", "robo_ann")).bearerAuth(admin), Map.class);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        String id = (String) created.body().get("user_id");
        Document stored = database.getCollection("users").find(Filters.eq("_id", new ObjectId(id))).first();
        assertEquals(true, stored.getBoolean("is_comp_player"));
        assertEquals(1000, ((Number) stored.get("modules", Document.class).get("dutch_game", Document.class).get("coins")).intValue());
        assertEquals(6, pickable());
        assertTrue(pick.pick(new PickCompPlayersUseCase.Command(6)).stream().map(CompPlayerView::username).toList().contains("robo_ann"));

        Map<String, Object> suspended = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/comp-players/" + id + "/suspend", "")
                .bearerAuth(admin), Argument.mapOf(String.class, Object.class));
        assertEquals("suspended", suspended.get("status"));
        assertEquals(5, pickable());
        http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/comp-players/" + id + "/reinstate", "").bearerAuth(admin));
        assertEquals(6, pickable());
        assertEquals(2, database.getCollection("user_audit_logs").countDocuments(Filters.and(
                Filters.eq("user_id", new ObjectId(id)), Filters.in("action", List.of("user.suspended", "user.reinstated")))));
        assertThrows(RuleViolation.class, () -> pick.pick(new PickCompPlayersUseCase.Command(7)));
    }
}
