package io.tracktion.transformer.trending;

import static io.tracktion.transformer.testing.AnalyticsFixture.money;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.TrendingChart;
import io.tracktion.schemas.TrendingEntry;
import io.tracktion.transformer.testing.AnalyticsFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sliding charts of the last hour and 24 hours with the previous period's ranks. */
class TrendingTopologyTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path stateDir;
    AnalyticsFixture fixture;

    @BeforeEach
    void start() {
        fixture = new AnalyticsFixture(stateDir);
        for (String name : new String[] {"alpha", "beta", "gamma"}) {
            fixture.knownRelease(url(name), name, root(name), null, name.equals("gamma") ? "rock" : "electronic", "tag-" + name);
        }
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void chartsRankByUnitsThenRevenueWithThePreviousPeriodsRank() {
        // 10:00-10:59: alpha 3, beta 2, gamma 2 at more revenue than beta.
        sell("alpha", 3, T0, "1.00");
        sell("beta", 2, T0.plusSeconds(600), "1.00");
        sell("gamma", 2, T0.plusSeconds(1200), "5.00");
        fixture.flush();
        TrendingChart hour = fixture.charts().get("artist|1h|store");
        assertThat(hour.getEntries()).extracting(TrendingEntry::getEntityName).containsExactly("alpha", "gamma", "beta");
        assertThat(hour.getEntries()).extracting(TrendingEntry::getPreviousRank).containsOnlyNulls();
        assertThat(hour.getEntries().get(0).getUnits()).isEqualTo(3);
        assertThat(hour.getEntries().get(1).getRevenueUsd()).isEqualTo(money("10.00"));
        assertThat(hour.getEntries().get(0).getEntityId()).isEqualTo(EntityIds.artist(root("alpha")));

        // Then beta 4 at 11:00 and alpha 1 at 11:10. The last hour is now 10:11-11:10: beta 4, gamma 2 (10:20),
        // alpha 1; the hour before, 09:11-10:10, had alpha 3 and beta 2 (10:10).
        sell("beta", 4, T0.plus(Duration.ofMinutes(60)), "1.00");
        sell("alpha", 1, T0.plus(Duration.ofMinutes(70)), "1.00");
        fixture.flush();
        hour = fixture.charts().get("artist|1h|store");
        assertThat(hour.getEntries()).extracting(TrendingEntry::getEntityName, TrendingEntry::getRank, TrendingEntry::getPreviousRank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("beta", 1, 2),
                        org.assertj.core.groups.Tuple.tuple("gamma", 2, null),
                        org.assertj.core.groups.Tuple.tuple("alpha", 3, 1));
        assertThat(hour.getPeriodStart()).isEqualTo(T0.plus(Duration.ofMinutes(11)));

        TrendingChart day = fixture.charts().get("artist|24h|store");
        assertThat(day.getEntries()).extracting(TrendingEntry::getEntityName, TrendingEntry::getUnits)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("beta", 6L),
                        org.assertj.core.groups.Tuple.tuple("alpha", 4L),
                        org.assertj.core.groups.Tuple.tuple("gamma", 2L));
        assertThat(fixture.charts().get("artist|24h|genre=rock").getEntries()).extracting(TrendingEntry::getEntityName)
                .containsExactly("gamma");
        assertThat(fixture.charts().get("tag|1h|store").getEntries()).extracting(TrendingEntry::getEntityId)
                .containsExactly("tag-beta", "tag-gamma", "tag-alpha");
        assertThat(fixture.charts().get("genre|24h|store").getEntries()).extracting(TrendingEntry::getEntityId)
                .containsExactly("electronic", "rock");
        assertThat(fixture.charts()).containsKeys("release|1h|store", "release|24h|genre=electronic");
    }

    @Test
    void theLastHourSlidesByTheMinute() {
        sell("alpha", 1, T0.plusSeconds(5), "1.00");
        sell("beta", 1, T0.plus(Duration.ofMinutes(59)), "1.00");
        fixture.flush();
        assertThat(fixture.charts().get("artist|1h|store").getEntries()).hasSize(2);

        sell("beta", 1, T0.plus(Duration.ofMinutes(60)), "1.00"); // 10:00 leaves the last hour
        fixture.flush();
        TrendingChart hour = fixture.charts().get("artist|1h|store");
        assertThat(hour.getEntries()).extracting(TrendingEntry::getEntityName).containsExactly("beta");
        assertThat(fixture.charts().get("artist|24h|store").getEntries()).hasSize(2);

        sell("gamma", 1, T0.plus(Duration.ofHours(48)), "1.00"); // everything before leaves both periods
        fixture.flush();
        assertThat(fixture.charts().get("artist|24h|store").getEntries()).extracting(TrendingEntry::getEntityName)
                .containsExactly("gamma");
        assertThat(fixture.charts().get("artist|24h|store").getEntries().get(0).getPreviousRank()).isNull();
    }

    @Test
    void aChartHoldsTheTopTwenty() {
        for (int i = 0; i < 25; i++) {
            String name = "artist" + i;
            fixture.knownRelease(url(name), name, root(name), null, "jazz");
            sell(name, 1 + i % 5, T0.plusSeconds(i), "1.00");
        }
        fixture.flush();
        TrendingChart chart = fixture.charts().get("artist|24h|genre=jazz");
        assertThat(chart.getEntries()).hasSize(20);
        assertThat(chart.getEntries()).extracting(TrendingEntry::getRank).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(chart.getEntries().get(0).getUnits()).isEqualTo(5);
        assertThat(chart.getEntries().get(19).getUnits()).isEqualTo(2);
    }

    private void sell(String artist, int units, Instant from, String usd) {
        for (int i = 0; i < units; i++) {
            fixture.sale(artist + "-" + from.toEpochMilli() + "-" + i, from.plusSeconds(i)).url(url(artist)).artist(artist)
                    .usd(usd).pipe();
        }
    }

    static String root(String artist) {
        return "https://" + artist + ".bandcamp.com";
    }

    static String url(String artist) {
        return root(artist) + "/album/first";
    }
}
