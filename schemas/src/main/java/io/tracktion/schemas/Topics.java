package io.tracktion.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every topic of Tracktion, defined once. Keys are UTF-8 strings; values are Avro records of the type named
 * beside each topic, in the Confluent wire format under the subject {@code <topic>-value} (see
 * {@link RegistryAvroSerde}); records written before the registry are in the single-object encoding.
 */
public final class Topics {

    private static final String KEEP_FOREVER = "-1";
    private static final String THIRTY_DAYS = String.valueOf(Duration.ofDays(30).toMillis());

    /** {@link RawSale} keyed by saleId: every sold item as the feed served it. Kept forever, so it can be replayed. */
    public static final TopicSpec RAW_SALES = new TopicSpec("bandcamp.sales.raw", 3,
            Map.of("retention.ms", KEEP_FOREVER, "compression.type", "zstd"), "RawSale");

    /** {@link FeedCursor} keyed by feed base URL: the ingestor's position, written in the raw sales' transaction. */
    public static final TopicSpec FEED_CURSOR = new TopicSpec("bandcamp.salesfeed.cursor", 1,
            Map.of("cleanup.policy", "compact"), "FeedCursor");

    /** The name of {@link #SALES}, as a constant for annotations such as {@code @Topic}. */
    public static final String SALES_NAME = "tracktion.sales";

    /** {@link Sale} keyed by saleId: parsed, validated, deduplicated sales. */
    public static final TopicSpec SALES = new TopicSpec(SALES_NAME, 3,
            Map.of("retention.ms", THIRTY_DAYS, "compression.type", "zstd"), "Sale");

    /**
     * Records the transformer could not turn into a {@link Sale}, or the loader could not store: the original
     * key and value bytes, with the reason and the source coordinates in headers (see {@link DeadLetterHeaders}).
     */
    public static final TopicSpec SALES_DEAD_LETTER = new TopicSpec("tracktion.sales.dlq", 1,
            Map.of("retention.ms", THIRTY_DAYS), null);

    /** The name of {@link #RELEASES}, as a constant for annotations such as {@code @Topic}. */
    public static final String RELEASES_NAME = "bandcamp.releases";

    /**
     * {@link Release} keyed by canonical release URL ({@link ReleaseUrls#canonical}): the release cache. Compacted,
     * so the latest state of every release ever seen is kept; a pending record is written with the sale that first
     * names a release, in the same transaction, and replaced when the page is fetched.
     */
    public static final TopicSpec RELEASES = new TopicSpec(Topics.RELEASES_NAME, 3,
            Map.of("cleanup.policy", "compact", "compression.type", "zstd"), "Release");

    /** Release pages that could not be read: the page as fetched (at most 1 MiB), the URL and reason in headers. */
    public static final TopicSpec RELEASES_DEAD_LETTER = new TopicSpec("bandcamp.releases.dlq", 1,
            Map.of("retention.ms", THIRTY_DAYS, "compression.type", "zstd"), null);

    /** Feed events the ingestor could not read: the event's JSON verbatim, the window's coordinates in headers. */
    public static final TopicSpec FEED_DEAD_LETTER = new TopicSpec("bandcamp.salesfeed.dlq", 1,
            Map.of("retention.ms", KEEP_FOREVER), null);

    /** The names of {@link #FEED_GAPS} and {@link #FEED_WINDOWS}, as constants for annotations. */
    public static final String FEED_GAPS_NAME = "bandcamp.salesfeed.gaps";
    public static final String FEED_WINDOWS_NAME = "bandcamp.salesfeed.windows";

    /** {@link FeedGap} keyed by feed base URL, from and to: stretches of feed time that were not served. */
    public static final TopicSpec FEED_GAPS = new TopicSpec(Topics.FEED_GAPS_NAME, 1,
            Map.of("cleanup.policy", "compact"), "FeedGap");

    /** {@link FeedWindowReceived} keyed by feed base URL and start date: every window received, for coverage. */
    public static final TopicSpec FEED_WINDOWS = new TopicSpec(Topics.FEED_WINDOWS_NAME, 1,
            Map.of("retention.ms", KEEP_FOREVER, "compression.type", "zstd"), "FeedWindowReceived");

    /** The names of the analytics topics, as constants for annotations such as {@code @Topic}. */
    public static final String SALES_ENRICHED_NAME = "tracktion.sales.enriched";
    public static final String STATS_MINUTE_NAME = "tracktion.stats.minute";
    public static final String STATS_HOUR_NAME = "tracktion.stats.hour";
    public static final String STATS_DAY_NAME = "tracktion.stats.day";
    public static final String TRENDING_NAME = "tracktion.trending";
    public static final String SIGNALS_NAME = "tracktion.signals";

    /**
     * {@link EnrichedSale} keyed by saleId: each sale with its release, artist and label. A sale re-attributed once
     * its release became known appears again with a higher revision; the latest revision is the truth.
     */
    public static final TopicSpec SALES_ENRICHED = new TopicSpec(SALES_ENRICHED_NAME, 3,
            Map.of("retention.ms", THIRTY_DAYS, "compression.type", "zstd"), "EnrichedSale");

    /**
     * {@link StatsWindow} keyed by dimension|entityId|windowStart: per-entity sums in UTC windows of a minute, an
     * hour and a day. Compacted (the latest record per window is its value) and, for minutes, also deleted after
     * a week, since the database keeps the history.
     */
    public static final TopicSpec STATS_MINUTE = new TopicSpec(STATS_MINUTE_NAME, 3,
            Map.of("cleanup.policy", "compact,delete", "retention.ms", String.valueOf(Duration.ofDays(7).toMillis()),
                    "compression.type", "zstd"), "StatsWindow");
    public static final TopicSpec STATS_HOUR = new TopicSpec(STATS_HOUR_NAME, 3,
            Map.of("cleanup.policy", "compact", "compression.type", "zstd"), "StatsWindow");
    public static final TopicSpec STATS_DAY = new TopicSpec(STATS_DAY_NAME, 3,
            Map.of("cleanup.policy", "compact", "compression.type", "zstd"), "StatsWindow");

    /** {@link TrendingChart} keyed by dimension|window|scope: the latest chart of each. Compacted. */
    public static final TopicSpec TRENDING = new TopicSpec(TRENDING_NAME, 1,
            Map.of("cleanup.policy", "compact", "compression.type", "zstd"), "TrendingChart");

    /** {@link Signal} keyed by its deterministic id: first sales, new countries, milestones, spikes, chart entries. */
    public static final TopicSpec SIGNALS = new TopicSpec(SIGNALS_NAME, 3,
            Map.of("retention.ms", KEEP_FOREVER, "compression.type", "zstd"), "Signal");

    public static final List<TopicSpec> ALL = List.of(RAW_SALES, FEED_CURSOR, SALES, SALES_DEAD_LETTER,
            RELEASES, RELEASES_DEAD_LETTER, FEED_DEAD_LETTER, FEED_GAPS, FEED_WINDOWS,
            SALES_ENRICHED, STATS_MINUTE, STATS_HOUR, STATS_DAY, TRENDING, SIGNALS);

    /** The topics whose values are Avro records, each with a registry subject. */
    public static List<TopicSpec> withSchemas() {
        return ALL.stream().filter(topic -> topic.valueRecord() != null).toList();
    }

    private Topics() {
    }
}
