package io.tracktion.transformer.enrich;

import static io.tracktion.transformer.testing.AnalyticsFixture.money;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.schemas.CountryTotals;
import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.StatsWindow;
import io.tracktion.transformer.delta.Dimension;
import io.tracktion.transformer.stats.Interval;
import io.tracktion.transformer.testing.AnalyticsFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enriched sales: joined with the release when it is known, written as unknown after ENRICH_WAIT, re-attributed later. */
class EnrichmentTopologyTest {

    static final String URL = "https://velvetorrery.bandcamp.com/album/lanterns";
    static final String ROOT = "https://velvetorrery.bandcamp.com";
    static final Instant AT = Instant.parse("2026-03-02T10:15:30Z");

    @TempDir
    Path stateDir;
    AnalyticsFixture fixture;

    @BeforeEach
    void start() {
        fixture = new AnalyticsFixture(stateDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aSaleOfAKnownReleaseIsWrittenAtOnceWithItsReleaseArtistLabelAndTags() {
        fixture.knownRelease(URL, "Velvet Orrery", ROOT, "Kessel Records", "electronic", "ambient", "drone");
        fixture.sale("s1", AT).url(URL + "?from=feed").pipe();

        List<EnrichedSale> enriched = fixture.enriched();
        assertThat(enriched).hasSize(1);
        EnrichedSale sale = enriched.get(0);
        assertThat(sale.getRevision()).isZero();
        assertThat(sale.getPrevious()).isNull();
        assertThat(sale.getSale().getSaleId()).isEqualTo("s1");
        var a = sale.getAttribution();
        assertThat(a.getStatus()).isEqualTo(Attributions.KNOWN);
        assertThat(a.getReleaseId()).isEqualTo(EntityIds.release(URL));
        assertThat(a.getReleaseUrl()).isEqualTo(URL);
        assertThat(a.getArtistId()).isEqualTo(EntityIds.artist(ROOT));
        assertThat(a.getArtistName()).isEqualTo("Velvet Orrery");
        assertThat(a.getLabelName()).isEqualTo("Kessel Records");
        assertThat(a.getGenre()).isEqualTo("electronic");
        assertThat(a.getTags()).containsExactly("ambient", "drone");
        assertThat(a.getLocation()).isEqualTo("Berlin, Germany");
    }

    @Test
    void aSaleWaitsForItsReleaseAndIsWrittenOnceWhenItArrivesInTime() {
        fixture.sale("s1", AT).url(URL).pipe();
        fixture.advanceWallClock(Duration.ofSeconds(4));
        assertThat(fixture.enriched()).isEmpty();

        fixture.knownRelease(URL, "Velvet Orrery", ROOT, null, "electronic");
        fixture.advanceWallClock(Duration.ofSeconds(20));

        List<EnrichedSale> enriched = fixture.enriched();
        assertThat(enriched).hasSize(1);
        assertThat(enriched.get(0).getAttribution().getStatus()).isEqualTo(Attributions.KNOWN);
        assertThat(enriched.get(0).getRevision()).isZero();
    }

    @Test
    void aSaleWhoseReleaseIsNotKnownWithinTheWaitIsWrittenAsUnknownThenReattributed() {
        fixture.sale("s1", AT).url(URL).usd("5.00").pipe();
        fixture.advanceWallClock(Duration.ofSeconds(9));
        assertThat(fixture.enriched()).as("still waiting").isEmpty();
        fixture.advanceWallClock(Duration.ofSeconds(2));

        List<EnrichedSale> first = fixture.enriched();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).getAttribution().getStatus()).isEqualTo(Attributions.UNKNOWN);
        assertThat(first.get(0).getAttribution().getReleaseId()).as("known from the URL").isEqualTo(EntityIds.release(URL));
        fixture.flush();
        Instant minute = Instant.parse("2026-03-02T10:15:00Z");
        assertThat(fixture.window(Interval.MINUTE, "artist", Dimension.UNKNOWN, minute).getUnits()).isEqualTo(1);

        fixture.knownRelease(URL, "Velvet Orrery", ROOT, null, "electronic", "ambient");
        List<EnrichedSale> all = fixture.enriched();
        assertThat(all).hasSize(2);
        EnrichedSale second = all.get(1);
        assertThat(second.getRevision()).isEqualTo(1);
        assertThat(second.getPrevious().getStatus()).isEqualTo(Attributions.UNKNOWN);
        assertThat(second.getAttribution().getArtistId()).isEqualTo(EntityIds.artist(ROOT));

        // The unknown artist, genre and tag give the sale back; the known ones get it. Store and country unchanged.
        fixture.flush();
        StatsWindow unknownArtist = fixture.window(Interval.MINUTE, "artist", Dimension.UNKNOWN, minute);
        assertThat(unknownArtist.getUnits()).isZero();
        assertThat(unknownArtist.getRevenueUsd()).isEqualTo(money("0"));
        assertThat(unknownArtist.getCarts()).isZero();
        assertThat(unknownArtist.getByCountry()).as("no empty country is left behind").isEmpty();
        StatsWindow artist = fixture.window(Interval.MINUTE, "artist", EntityIds.artist(ROOT), minute);
        assertThat(artist.getUnits()).isEqualTo(1);
        assertThat(artist.getRevenueUsd()).isEqualTo(money("5.00"));
        assertThat(artist.getByCountry()).containsExactly(new CountryTotals("DE", 1L, money("5.00"), 1L));
        assertThat(fixture.window(Interval.DAY, "tag", "ambient", Instant.parse("2026-03-02T00:00:00Z")).getUnits()).isEqualTo(1);
        assertThat(fixture.window(Interval.DAY, "tag", Dimension.UNKNOWN, Instant.parse("2026-03-02T00:00:00Z")).getUnits()).isZero();
        assertThat(fixture.window(Interval.HOUR, "store", "all", Instant.parse("2026-03-02T10:00:00Z")).getUnits()).isEqualTo(1);
    }

    @Test
    void aSaleNamingNoPageIsWrittenAtOnce() {
        fixture.sale("s1", AT).url(null).pipe();
        List<EnrichedSale> enriched = fixture.enriched();
        assertThat(enriched).hasSize(1);
        assertThat(enriched.get(0).getAttribution().getStatus()).isEqualTo(Attributions.NONE);
    }

    @Test
    void aDuplicateRawSaleIsEnrichedOnce() {
        fixture.knownRelease(URL, "Velvet Orrery", ROOT, null, "electronic");
        fixture.sale("s1", AT).url(URL).pipe();
        fixture.sale("s1", AT).url(URL).pipe();
        assertThat(fixture.enriched()).hasSize(1);
    }
}
