package io.playerbase.adapters.rest.dashboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.playerbase.adapters.rest.dashboard.DashboardResponses.CountSeriesResponse;
import io.playerbase.adapters.rest.dashboard.DashboardResponses.VolumeSeriesResponse;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.application.dashboard.port.in.DashboardQueries;
import io.playerbase.application.dashboard.port.in.DashboardQueries.SeriesQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Activity over time for the staff dashboard (support and admins): counts and sums per hour or day,
 * bounded by {@link io.playerbase.domain.dashboard.Granularity} and {@link DashboardQueries#MAX_SCANNED}.
 */
@Controller("/api/v1/admin/dashboard")
@Secured({"support", "admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "dashboard")
@SecurityRequirement(name = "bearer")
class DashboardController {

    private static final String WINDOW = " granularity hour (default; at most 168 buckets) or day (at most 92); "
            + "from and to: ISO-8601 instants on bucket boundaries, [from, to), both or neither (neither: the last "
            + "48 hours or 30 days, current bucket included). Reads at most 50,000 records, newest first; past "
            + "that complete is false and only buckets from covered_from on are whole.";

    private final DashboardQueries queries;

    DashboardController(DashboardQueries queries) {
        this.queries = queries;
    }

    @Get("/registrations")
    @Operation(operationId = "getRegistrationsSeries", summary = "Accounts created per hour or day (support, admin)",
            description = "Computer players are left out." + WINDOW)
    @ApiResponse(responseCode = "200", description = "the series")
    @ApiErrors.Authenticated
    CountSeriesResponse registrations(@Parameter(description = "hour or day") @QueryValue @Nullable String granularity,
                                      @QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        return CountSeriesResponse.of(queries.registrations(new SeriesQuery(granularity, from, to)));
    }

    @Get("/matches")
    @Operation(operationId = "getMatchesReportedSeries", summary = "Dutch matches reported per hour or day (support, admin)",
            description = "Accepted reports by the time they were recorded." + WINDOW)
    @ApiResponse(responseCode = "200", description = "the series")
    @ApiErrors.Authenticated
    CountSeriesResponse matches(@Parameter(description = "hour or day") @QueryValue @Nullable String granularity,
                                @QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        return CountSeriesResponse.of(queries.matchesReported(new SeriesQuery(granularity, from, to)));
    }

    @Get("/wallet-volume")
    @Operation(operationId = "getWalletVolumeSeries", summary = "Wallet money moved per hour or day (support, admin)",
            description = "Per currency, in minor units: credited is what added to balances (credits, reversals of "
                    + "debits), debited what took from them." + WINDOW)
    @ApiResponse(responseCode = "200", description = "the series")
    @ApiErrors.Authenticated
    VolumeSeriesResponse walletVolume(@Parameter(description = "hour or day") @QueryValue @Nullable String granularity,
                                      @QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        return VolumeSeriesResponse.of(queries.walletVolume(new SeriesQuery(granularity, from, to)));
    }

    @Get("/purchases")
    @Operation(operationId = "getPurchasesSeries", summary = "Store purchases recorded per hour or day (support, admin)",
            description = "Every store and product, refunded purchases included, by the time Playerbase recorded them."
                    + WINDOW)
    @ApiResponse(responseCode = "200", description = "the series")
    @ApiErrors.Authenticated
    CountSeriesResponse purchases(@Parameter(description = "hour or day") @QueryValue @Nullable String granularity,
                                  @QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        return CountSeriesResponse.of(queries.purchases(new SeriesQuery(granularity, from, to)));
    }
}
