package io.playerbase.adapters.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Anchor of the OpenAPI document generated at compile time (served under /swagger, UI at /swagger-ui). */
@OpenAPIDefinition(info = @Info(title = "Playerbase", version = "v1",
        description = "Account backend for online card games: players, credentials, wallet, stats, computer players."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, paramName = "Authorization",
        description = "Game servers and services: 'Authorization: ApiKey <id>.<secret>', as returned once by POST /api/v1/admin/api-keys.")
final class PlayerbaseApi {

    private PlayerbaseApi() {
    }
}
