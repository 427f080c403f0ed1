package io.playerbase.bootstrap.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Histogram buckets for the HTTP server's and the database driver's timers, so that Prometheus can
 * compute percentiles ({@code histogram_quantile}, the {@code PlayerbaseHighLatencyP99} alert). A fixed,
 * small bucket set (11 per series) rather than Micrometer's ~70 percentile buckets keeps the series
 * count bounded.
 */
@Singleton
final class LatencyHistograms implements MeterFilter {

    static final Set<String> TIMERS = Set.of("http.server.requests", "mongodb.driver.commands");
    private static final double[] BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .mapToDouble(millis -> Duration.ofMillis(millis).toNanos()).toArray();

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!TIMERS.contains(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config);
    }
}
