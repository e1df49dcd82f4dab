package io.tracktion.loader.sales;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.tracktion.loader.feed.FeedAuditWriter;
import io.tracktion.loader.releases.ReleaseWriter;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SchemaRegistryProbe;
import io.tracktion.schemas.Topics;
import java.util.List;
import jakarta.inject.Singleton;

@Factory
class SalesFactory {

    @Singleton
    SaleWriter saleWriter() {
        return new SaleWriter();
    }

    @Singleton
    SchemaRegistryConfig schemaRegistry(@Value("${schema-registry.url}") String url) {
        return SchemaRegistryConfig.of(url);
    }

    /** What the loader reads; /health shows whether the registry holds their subjects. */
    @Singleton
    SchemaRegistryProbe schemaRegistryProbe(SchemaRegistryConfig registry) {
        return SchemaRegistryProbe.forTopics(registry, List.of(Topics.SALES, Topics.RELEASES, Topics.FEED_WINDOWS,
                Topics.FEED_GAPS, Topics.STATS_MINUTE, Topics.STATS_HOUR, Topics.STATS_DAY, Topics.SIGNALS,
                Topics.TRENDING));
    }

    @Singleton
    RegistryAvroSerde<Release> releaseSerde(SchemaRegistryConfig registry) {
        return RegistryAvroSerde.release(registry);
    }

    @Singleton
    FeedAuditWriter feedAuditWriter() {
        return new FeedAuditWriter();
    }

    @Singleton
    ReleaseWriter releaseWriter() {
        return new ReleaseWriter();
    }

    @Singleton
    io.tracktion.loader.analytics.AnalyticsWriter analyticsWriter() {
        return new io.tracktion.loader.analytics.AnalyticsWriter();
    }

    @Singleton
    RegistryAvroSerde<Sale> saleSerde(SchemaRegistryConfig registry) {
        return RegistryAvroSerde.sale(registry);
    }
}
