package io.playerbase.adapters.rest.export;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.adapters.rest.testing.ControllerTestSupport;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase;
import io.playerbase.application.export.port.in.ExportPersonalDataUseCase;
import io.playerbase.application.export.port.in.ExportReason;
import io.playerbase.application.export.port.in.PersonalDataExport;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The export endpoints with a mocked use case: the streamed document, its headers, the reason, who may call. */
@MicronautTest
class PersonalDataExportControllerTest {

    static final UserId ANN = new UserId("650000000000000000000001");
    static final UserId STAFF = new UserId("650000000000000000000009");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    ExportPersonalDataUseCase exports;

    @MockBean(AccessQueries.class)
    AccessQueries access() {
        return ControllerTestSupport.accessQueries();
    }

    @MockBean(AuthenticateApiKeyUseCase.class)
    AuthenticateApiKeyUseCase apiKeys() {
        return ControllerTestSupport.apiKeys();
    }

    @MockBean(ExportPersonalDataUseCase.class)
    ExportPersonalDataUseCase exportMock() {
        return mock(ExportPersonalDataUseCase.class);
    }

    @BeforeEach
    void resetMocks() {
        reset(exports);
        when(exports.export(any())).thenAnswer(call -> new PersonalDataExport(
                call.<ExportPersonalDataUseCase.Command>getArgument(0).subject().value(), List.of(
                new PersonalDataExport.Value("account", Map.of("username", "ann")),
                new PersonalDataExport.Items("wallet_ledger", () -> Stream.of(Map.of("sequence", 1), Map.of("sequence", 2))))));
    }

    private String token(UserId user, String... roles) {
        return ControllerTestSupport.accessToken(tokens, user, roles);
    }

    @Test
    void aPlayerGetsTheirOwnDocumentAsAnAttachmentThatIsNotCached() {
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET("/api/v1/users/me/export")
                .bearerAuth(token(ANN, "player")), String.class);
        assertEquals("{\"account\":{\"username\":\"ann\"},\"wallet_ledger\":[{\"sequence\":1},{\"sequence\":2}]}", response.body());
        assertEquals("application/json", response.getContentType().orElseThrow().toString());
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
        assertEquals("attachment; filename=\"playerbase-export-" + ANN.value() + ".json\"",
                response.getHeaders().get("Content-Disposition"));
        ArgumentCaptor<ExportPersonalDataUseCase.Command> command = ArgumentCaptor.forClass(ExportPersonalDataUseCase.Command.class);
        verify(exports).export(command.capture());
        assertEquals(ANN, command.getValue().subject());
        assertEquals(null, command.getValue().reason());
        assertEquals(Actor.ActorRole.PLAYER, command.getValue().requester().role());
    }

    @Test
    void anAdminNamesAReasonFromTheList() {
        String admin = token(STAFF, "player", "admin");
        http.toBlocking().exchange(HttpRequest.GET("/api/v1/admin/users/" + ANN.value() + "/export?reason=fraud_investigation")
                .bearerAuth(admin), String.class);
        ArgumentCaptor<ExportPersonalDataUseCase.Command> command = ArgumentCaptor.forClass(ExportPersonalDataUseCase.Command.class);
        verify(exports).export(command.capture());
        assertEquals(ExportReason.FRAUD_INVESTIGATION, command.getValue().reason());
        assertEquals(STAFF.value(), command.getValue().requester().id());

        reset(exports);
        for (String query : List.of("", "?reason=", "?reason=curiosity")) {
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                    .exchange(HttpRequest.GET("/api/v1/admin/users/" + ANN.value() + "/export" + query).bearerAuth(admin), String.class));
            assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus(), query);
            assertTrue(refused.getResponse().getBody(String.class).orElseThrow().contains("\"field\":\"reason\""), query);
        }
        HttpClientResponseException support = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.GET("/api/v1/admin/users/" + ANN.value() + "/export?reason=support_case")
                        .bearerAuth(token(new UserId("650000000000000000000008"), "player", "support")), String.class));
        assertEquals(HttpStatus.FORBIDDEN, support.getStatus());
        verify(exports, never()).export(any());
    }

    @Test
    void anUnknownOrErasedAccountIsAProblemNotADocument() {
        reset(exports);
        when(exports.export(any())).thenThrow(new NotFound("user-not-found", "No such user"));
        HttpClientResponseException gone = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.GET("/api/v1/users/me/export").bearerAuth(token(ANN, "player")), String.class));
        assertEquals(HttpStatus.NOT_FOUND, gone.getStatus());
        assertEquals("application/problem+json", gone.getResponse().getContentType().orElseThrow().toString());
        assertTrue(String.valueOf(gone.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow().get("type"))
                .endsWith("user-not-found"));
    }
}
