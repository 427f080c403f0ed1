package io.playerbase.adapters.rest.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.playerbase.adapters.rest.auth.Principals;
import io.playerbase.adapters.rest.ratelimit.AccountRateLimits;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.application.export.port.in.ExportPersonalDataUseCase;
import io.playerbase.application.export.port.in.PersonalDataExport;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Personal-data exports (GDPR Art. 15 and 20, docs/privacy.md): the player's own, and an admin's of any
 * account with a reason code. The account is checked, the export audited and the rate limit counted
 * before the first byte; then the document streams (chunked, {@code Cache-Control: no-store}) and is
 * read from the database as it is sent.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "privacy")
@SecurityRequirement(name = "bearer")
class PersonalDataExportController {

    private final ExportPersonalDataUseCase exports;
    private final AccountRateLimits limits;
    private final JsonMapper json;

    PersonalDataExportController(ExportPersonalDataUseCase exports, AccountRateLimits limits, JsonMapper json) {
        this.exports = exports;
        this.limits = limits;
        this.json = json;
    }

    @Get("/users/me/export")
    @Secured("player")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "200", description = "The export, streamed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportDocument.Document.class)))
    @ApiResponse(responseCode = "404", description = "user-not-found: the account is gone or erased",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "429", ref = "#/components/responses/TooManyRequests")
    @Operation(operationId = "exportMyData", summary = "Export all my personal data",
            description = "One JSON document with everything held about the account, decrypted, and what the data is "
                    + "for, who receives it, how long it is kept and where it came from. Audited; rate limited.")
    HttpResponse<StreamedFile> mine(Authentication authentication, HttpRequest<?> request) {
        UserId me = new UserId(authentication.getName());
        limits.export(request, me.value());
        return stream(exports.export(ExportPersonalDataUseCase.Command.self(me, RequestIds.of(request))));
    }

    @Get("/admin/users/{id}/export")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "200", description = "The export, streamed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportDocument.Document.class)))
    @ApiResponse(responseCode = "404", description = "user-not-found: the account is gone or erased",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "429", ref = "#/components/responses/TooManyRequests")
    @Operation(operationId = "exportUserData", summary = "Export a user's personal data (admin)",
            description = "The same document as the user's own export. `reason` is required, one of data_subject_request, "
                    + "legal_obligation, support_case, fraud_investigation, security_incident; the user's audit log records "
                    + "the export with it (action user.data_exported.<reason>) and the admin as actor.",
            parameters = @Parameter(name = "reason", in = ParameterIn.QUERY, required = true, description = "Why the export is made",
                    schema = @Schema(type = "string", allowableValues = {"data_subject_request", "legal_obligation", "support_case",
                            "fraud_investigation", "security_incident"})))
    HttpResponse<StreamedFile> user(@PathVariable String id, @QueryValue @Nullable String reason,
                                    Authentication authentication, HttpRequest<?> request) {
        UserId subject = new UserId(id);
        ExportPersonalDataUseCase.Command command = ExportPersonalDataUseCase.Command.byStaff(subject,
                Principals.staff(authentication, request), reason);
        limits.export(request, authentication.getName());
        return stream(exports.export(command));
    }

    private HttpResponse<StreamedFile> stream(PersonalDataExport export) {
        StreamedFile file = new StreamedFile(new ExportStream(export, json), MediaType.APPLICATION_JSON_TYPE);
        return HttpResponse.ok(file).header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"playerbase-export-" + export.subjectId() + ".json\"");
    }
}
