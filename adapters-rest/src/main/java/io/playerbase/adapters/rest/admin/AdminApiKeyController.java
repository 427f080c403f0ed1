package io.playerbase.adapters.rest.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.playerbase.adapters.rest.admin.AdminRequests.CreateApiKeyRequest;
import io.playerbase.adapters.rest.admin.AdminResponses.ApiKeyPage;
import io.playerbase.adapters.rest.admin.AdminResponses.CreatedApiKeyResponse;
import io.playerbase.adapters.rest.auth.Principals;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.application.access.port.in.ApiKeyQueries;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.access.port.in.RevokeApiKeyUseCase;
import io.playerbase.domain.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** API keys of game servers and other services. Admins only; the secret is in the creation response and nowhere else. */
@Controller("/api/v1/admin/api-keys")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
class AdminApiKeyController {

    private final CreateApiKeyUseCase create;
    private final RevokeApiKeyUseCase revoke;
    private final ApiKeyQueries queries;

    AdminApiKeyController(CreateApiKeyUseCase create, RevokeApiKeyUseCase revoke, ApiKeyQueries queries) {
        this.create = create;
        this.revoke = revoke;
        this.queries = queries;
    }

    @Post
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "201", description = "The key with its secret, shown only here",
            content = @Content(schema = @Schema(implementation = CreatedApiKeyResponse.class)))
    @Operation(operationId = "createApiKey", summary = "Create an API key (admin)", description = "{\"name\": \"eu-table-server-1\", \"scopes\": "
            + "[\"matches:write\", \"comp-players:read\", \"users:read\"]}. 201 with api_key, the credential to send as "
            + "'Authorization: ApiKey <api_key>': shown this once, stored only as a keyed hash.")
    HttpResponse<CreatedApiKeyResponse> create(@Body @Valid CreateApiKeyRequest body, Authentication authentication,
                                               HttpRequest<?> request) {
        CreateApiKeyUseCase.CreatedApiKey created = create.create(new CreateApiKeyUseCase.Command(body.name(), body.scopes(),
                Principals.staff(authentication, request)));
        // The body holds a secret: no cache may keep it.
        return HttpResponse.<CreatedApiKeyResponse>status(HttpStatus.CREATED).body(CreatedApiKeyResponse.of(created))
                .header("Cache-Control", "no-store");
    }

    @Get
    @ApiErrors.Authenticated
    @Operation(operationId = "listApiKeys", summary = "List API keys without secrets (admin)", description = "Newest first, revoked ones included.")
    ApiKeyPage list(@QueryValue @Nullable String cursor, @QueryValue @Nullable Integer limit) {
        return ApiKeyPage.of(queries.list(PageRequest.of(cursor, limit)));
    }

    @Delete("/{id}")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "204", description = "Revoked (also when it already was)")
    @ApiResponse(responseCode = "404", description = "api-key-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key (admin)", description = "204; the next request with the key gets 401. "
            + "Idempotent; 404 api-key-not-found.")
    HttpResponse<Void> revoke(@PathVariable String id, Authentication authentication, HttpRequest<?> request) {
        revoke.revoke(new RevokeApiKeyUseCase.Command(id, Principals.staff(authentication, request)));
        return HttpResponse.noContent();
    }
}
