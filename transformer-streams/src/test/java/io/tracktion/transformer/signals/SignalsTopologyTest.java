package io.tracktion.transformer.signals;

import static io.tracktion.transformer.testing.AnalyticsFixture.money;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.Signal;
import io.tracktion.transformer.delta.Dimension;
import io.tracktion.transformer.delta.EntityRef;
import io.tracktion.transformer.delta.SaleDelta;
import io.tracktion.transformer.testing.AnalyticsFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entity signals and chart entries, by hand-computed expectations. */
class SignalsTopologyTest {

    static final String URL = "https://velvetorrery.bandcamp.com/album/lanterns";
    static final String ROOT = "https://velvetorrery.bandcamp.com";
    static final String ARTIST = EntityIds.artist(ROOT);
    static final String LABEL = EntityIds.label("https://kessel-records.bandcamp.com");
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path stateDir;
    AnalyticsFixture fixture;

    @BeforeEach
    void start() {
        fixture = new AnalyticsFixture(stateDir.resolve("first"));
        fixture.knownRelease(URL, "Velvet Orrery", ROOT, "Kessel Records", "electronic", "ambient");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theFirstSaleOfAnArtistReleaseAndLabelIsSignalledOnce() {
        fixture.sale("a", T0).pipe();
        fixture.sale("b", T0.plusSeconds(60)).pipe();

        List<Signal> first = fixture.signals(SignalKinds.FIRST_SALE);
        assertThat(first).extracting(Signal::getDimension).containsExactlyInAnyOrder("artist", "release", "label");
        Signal artist = first.stream().filter(s -> s.getDimension().equals("artist")).findFirst().orElseThrow();
        assertThat(artist.getEntityId()).isEqualTo(ARTIST);
        assertThat(artist.getEntityName()).isEqualTo("Velvet Orrery");
        assertThat(artist.getAt()).isEqualTo(T0);
        assertThat(artist.getSaleId()).isEqualTo("a");
        assertThat(artist.getCountry()).isEqualTo("DE");
        assertThat(artist.getId()).isEqualTo(EntityIds.signal("first_sale", "artist", ARTIST, ""));
    }

    @Test
    void nothingUnknownSignals() {
        fixture.sale("a", T0).url("https://someone.bandcamp.com/album/unfetched").pipe();
        fixture.advanceWallClock(Duration.ofSeconds(11));
        assertThat(fixture.signals()).extracting(Signal::getEntityId).doesNotContain(Dimension.UNKNOWN);
        assertThat(fixture.signals(SignalKinds.FIRST_SALE)).extracting(Signal::getDimension).containsExactly("release");
    }

    @Test
    void anArtistsNewCountryIsSignalledAfterItsFirstSale() {
        fixture.sale("a", T0).country("de", "Germany").pipe();
        fixture.sale("b", T0.plusSeconds(1)).country("de", "Germany").pipe();
        fixture.sale("c", T0.plusSeconds(2)).country("jp", "Japan").pipe();
        fixture.sale("d", T0.plusSeconds(3)).country("jp", "Japan").pipe();
        fixture.sale("e", T0.plusSeconds(4)).noCountry().pipe();

        List<Signal> countries = fixture.signals(SignalKinds.NEW_COUNTRY);
        assertThat(countries).hasSize(1);
        assertThat(countries.get(0).getCountry()).isEqualTo("JP");
        assertThat(countries.get(0).getDimension()).isEqualTo("artist");
        assertThat(countries.get(0).getObserved()).isEqualTo(money("2"));
        assertThat(countries.get(0).getSaleId()).isEqualTo("c");
    }

    @Test
    void milestonesFireOnceAtEachCrossingEvenWhenARefundTakesTheTotalBackBelow() {
        for (int i = 1; i <= 12; i++) {
            fixture.sale("s" + i, T0.plusSeconds(i)).usd("10.00").pipe();
        }
        List<Signal> milestones = fixture.signals(SignalKinds.MILESTONE).stream()
                .filter(s -> s.getDimension().equals("artist")).toList();
        assertThat(milestones).extracting(Signal::getMetric, Signal::getThreshold, Signal::getObserved, Signal::getSaleId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("units", money("10"), money("10"), "s10"),
                        org.assertj.core.groups.Tuple.tuple("revenueUsd", money("100"), money("100.00"), "s10"));

        // Three refunds take the artist to 9 units, then two sales cross 10 again: no second milestone.
        EntityRef artist = new EntityRef(Dimension.ARTIST, ARTIST, "Velvet Orrery");
        for (int i = 1; i <= 3; i++) {
            fixture.pipeDelta("0|refund-" + i + "|0", new SaleDelta("s" + i, T0.plusSeconds(100 + i).getEpochSecond() * 1_000_000,
                    "cart-of-s" + i, "USD", new BigDecimal("10.00"), new BigDecimal("10.00"), false, BigDecimal.ZERO, "DE",
                    List.of(new SaleDelta.Contribution(artist, -1)), List.of()));
        }
        fixture.sale("s13", T0.plusSeconds(200)).usd("10.00").pipe();
        fixture.sale("s14", T0.plusSeconds(201)).usd("10.00").pipe();
        assertThat(fixture.signals(SignalKinds.MILESTONE).stream().filter(s -> s.getDimension().equals("artist")))
                .hasSize(2);
    }

    @Test
    void aReplayWritesTheSameSignalsWithTheSameIds() {
        Consumer<AnalyticsFixture> sales = f -> {
            for (int i = 1; i <= 30; i++) {
                f.sale("s" + i, T0.plusSeconds(60L * i)).country(i % 3 == 0 ? "jp" : "de", "X").usd("9.00").pipe();
            }
        };
        sales.accept(fixture);
        List<Signal> live = fixture.signals();
        assertThat(live).isNotEmpty();

        try (AnalyticsFixture replay = new AnalyticsFixture(stateDir.resolve("replay"))) {
            replay.knownRelease(URL, "Velvet Orrery", ROOT, "Kessel Records", "electronic", "ambient");
            sales.accept(replay);
            sales.accept(replay); // and the same raw sales again, as a replay of the raw topic would bring them
            assertThat(replay.signals()).containsExactlyInAnyOrderElementsOf(live);
        }
    }

    @Test
    void twoSalesOverADayThenTwentyInAnHourIsExactlyOneSpike() {
        fixture.sale("early-1", T0).pipe();
        fixture.sale("early-2", T0.plus(Duration.ofHours(12))).pipe();
        Instant burst = T0.plus(Duration.ofHours(24));
        for (int i = 0; i < 20; i++) {
            fixture.sale("burst-" + i, burst.plus(Duration.ofMinutes(3L * i))).pipe();
        }

        List<Signal> spikes = spikesOf("artist");
        assertThat(spikes).hasSize(1);
        Signal spike = spikes.get(0);
        assertThat(spike.getEntityId()).isEqualTo(ARTIST);
        // It fires at the 5th sale of the hour: 5 against a floor of 0.5 an hour, P(X >= 5) = 0.000172.
        assertThat(spike.getSaleId()).isEqualTo("burst-4");
        assertThat(spike.getObserved()).isEqualTo(money("5"));
        assertThat(spike.getExpected()).isEqualTo(money("0.5"));
        assertThat(spike.getProbability()).isBetween(1.70e-4, 1.74e-4);
        assertThat(spike.getWindow()).isEqualTo("1h");
        assertThat(spikesOf("tag")).hasSize(1);
    }

    @Test
    void aSteadyTwoAnHourForADayIsNoSpike() {
        for (int hour = 0; hour < 24; hour++) {
            fixture.sale("h" + hour + "a", T0.plus(Duration.ofHours(hour)).plusSeconds(600)).pipe();
            fixture.sale("h" + hour + "b", T0.plus(Duration.ofHours(hour)).plusSeconds(2400)).pipe();
        }
        assertThat(fixture.signals(SignalKinds.SPIKE)).isEmpty();
    }

    @Test
    void aSpikeReArmsOnceTheRateFallsBack() {
        for (int i = 0; i < 8; i++) {
            fixture.sale("first-" + i, T0.plus(Duration.ofMinutes(i))).pipe();
        }
        assertThat(spikesOf("artist")).hasSize(1);
        fixture.sale("quiet", T0.plus(Duration.ofHours(3))).pipe(); // the last hour holds one sale: plausible
        for (int i = 0; i < 8; i++) {
            fixture.sale("second-" + i, T0.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(i))).pipe();
        }
        List<Signal> spikes = spikesOf("artist");
        assertThat(spikes).hasSize(2);
        assertThat(spikes.get(0).getId()).isNotEqualTo(spikes.get(1).getId());
    }

    @Test
    void anArtistEnteringTheTopTenOfTheStoreAndOfItsGenreIsSignalledOnce() {
        for (int i = 0; i < 5; i++) {
            fixture.sale("s" + i, T0.plusSeconds(i)).pipe();
        }
        List<Signal> entries = fixture.signals(SignalKinds.CHART_ENTRY).stream()
                .filter(s -> s.getDimension().equals("artist")).toList();
        assertThat(entries).extracting(Signal::getScope).containsExactlyInAnyOrder("store", "genre=electronic");
        // At the third sale, SIGNALS_CHART_ENTRY_MIN_UNITS.
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.getSaleId()).isEqualTo("s2");
            assertThat(entry.getRank()).isEqualTo(1);
            assertThat(entry.getObserved()).isEqualTo(money("3"));
            assertThat(entry.getWindow()).isEqualTo("24h");
        });
        assertThat(fixture.signals(SignalKinds.CHART_ENTRY).stream().filter(s -> s.getDimension().equals("release")))
                .hasSize(2);
    }

    private List<Signal> spikesOf(String dimension) {
        return fixture.signals(SignalKinds.SPIKE).stream().filter(s -> s.getDimension().equals(dimension)).toList();
    }
}
