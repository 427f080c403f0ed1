package io.playerbase.adapters.rest.dashboard;

import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.application.dashboard.port.in.DashboardQueries.CountBucket;
import io.playerbase.application.dashboard.port.in.DashboardQueries.CountSeries;
import io.playerbase.application.dashboard.port.in.DashboardQueries.CurrencyVolume;
import io.playerbase.application.dashboard.port.in.DashboardQueries.VolumeBucket;
import io.playerbase.application.dashboard.port.in.DashboardQueries.VolumeSeries;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

final class DashboardResponses {

    private DashboardResponses() {
    }

    @Serdeable
    @Schema(name = "CountSeriesResponse")
    record CountSeriesResponse(String granularity, Instant from, Instant to, List<CountBucketResponse> buckets, long total,
                               boolean complete, Instant coveredFrom) {
        static CountSeriesResponse of(CountSeries series) {
            return new CountSeriesResponse(series.granularity(), series.from(), series.to(),
                    series.buckets().stream().map(CountBucketResponse::of).toList(), series.total(), series.complete(),
                    series.coveredFrom());
        }
    }

    @Serdeable
    @Schema(name = "CountBucketResponse")
    record CountBucketResponse(Instant start, long count) {
        static CountBucketResponse of(CountBucket bucket) {
            return new CountBucketResponse(bucket.start(), bucket.count());
        }
    }

    @Serdeable
    @Schema(name = "VolumeSeriesResponse")
    record VolumeSeriesResponse(String granularity, Instant from, Instant to, List<CurrencyVolumeResponse> currencies,
                                long transactions, boolean complete, Instant coveredFrom) {
        static VolumeSeriesResponse of(VolumeSeries series) {
            return new VolumeSeriesResponse(series.granularity(), series.from(), series.to(),
                    series.currencies().stream().map(CurrencyVolumeResponse::of).toList(), series.transactions(),
                    series.complete(), series.coveredFrom());
        }
    }

    @Serdeable
    @Schema(name = "CurrencyVolumeResponse")
    record CurrencyVolumeResponse(String currency, List<VolumeBucketResponse> buckets) {
        static CurrencyVolumeResponse of(CurrencyVolume volume) {
            return new CurrencyVolumeResponse(volume.currency(), volume.buckets().stream().map(VolumeBucketResponse::of).toList());
        }
    }

    @Serdeable
    @Schema(name = "VolumeBucketResponse")
    record VolumeBucketResponse(Instant start, long transactions, long credited, long debited) {
        static VolumeBucketResponse of(VolumeBucket bucket) {
            return new VolumeBucketResponse(bucket.start(), bucket.transactions(), bucket.credited(), bucket.debited());
        }
    }
}
