package io.tracktion.transformer.stats;

import static io.tracktion.transformer.testing.AnalyticsFixture.money;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.schemas.CountryTotals;
import io.tracktion.schemas.CurrencyAmount;
import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.StatsWindow;
import io.tracktion.transformer.delta.Dimension;
import io.tracktion.transformer.delta.EntityRef;
import io.tracktion.transformer.delta.SaleDelta;
import io.tracktion.transformer.testing.AnalyticsFixture;
import io.tracktion.transformer.topology.AnalyticsSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windowed sums per entity, by hand-computed expectations. */
class StatsTopologyTest {

    static final String URL = "https://velvetorrery.bandcamp.com/album/lanterns";
    static final String ROOT = "https://velvetorrery.bandcamp.com";
    static final String ARTIST = EntityIds.artist(ROOT);
    static final Instant TEN = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path stateDir;
    AnalyticsFixture fixture;

    @BeforeEach
    void start() {
        fixture = new AnalyticsFixture(stateDir);
        fixture.knownRelease(URL, "Velvet Orrery", ROOT, "Kessel Records", "electronic", "ambient");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aWindowSumsUnitsRevenueCurrenciesCartsNameYourPriceAndOverpay() {
        // Cart 1: an album paid EUR 10 over a EUR 7 price (USD 11.62), and a name-your-price track paid USD 2.
        fixture.sale("a", TEN.plusSeconds(5)).cart("c1").paid("EUR", "10", "7", "11.62").pipe();
        fixture.sale("b", TEN.plusSeconds(5)).cart("c1").type("t").paid("USD", "2.00", "0", "2.00").pipe();
        // Cart 2: a GBP 5 album from the UK.
        fixture.sale("c", TEN.plusSeconds(20)).cart("c2").paid("GBP", "5", "5", "6.35").country("gb", "United Kingdom").pipe();
        fixture.flush();

        StatsWindow store = fixture.window(Interval.MINUTE, "store", "all", TEN);
        assertThat(store.getUnits()).isEqualTo(3);
        assertThat(store.getRevenueUsd()).isEqualTo(money("19.97"));
        assertThat(store.getRevenueByCurrency()).containsExactly(
                new CurrencyAmount("EUR", money("10")), new CurrencyAmount("GBP", money("5")),
                new CurrencyAmount("USD", money("2.00")));
        assertThat(store.getCarts()).isEqualTo(2);
        assertThat(store.getPayWhatYouWantUnits()).isEqualTo(1);
        // EUR 3 over, at the sale's own rate 11.62 / 10: USD 3.486.
        assertThat(store.getOverpayUsd()).isEqualTo(money("3.486"));
        assertThat(store.getFinal$()).isFalse();
        assertThat(store.getInterval()).isEqualTo("minute");
        assertThat(store.getWindowEnd()).isEqualTo(TEN.plusSeconds(60));

        StatsWindow germany = fixture.window(Interval.MINUTE, "country", "DE", TEN);
        assertThat(germany.getUnits()).isEqualTo(2);
        assertThat(germany.getCarts()).isEqualTo(1);
        assertThat(germany.getEntityName()).isEqualTo("Germany");
        assertThat(fixture.window(Interval.MINUTE, "country", "GB", TEN).getRevenueUsd()).isEqualTo(money("6.35"));
        assertThat(fixture.window(Interval.MINUTE, "kind", "track", TEN).getUnits()).isEqualTo(1);
        assertThat(fixture.window(Interval.MINUTE, "kind", "album", TEN).getUnits()).isEqualTo(2);
        assertThat(fixture.window(Interval.HOUR, "artist", ARTIST, TEN).getCarts()).isEqualTo(2);
        assertThat(fixture.window(Interval.DAY, "label", EntityIds.label("https://kessel-records.bandcamp.com"),
                Instant.parse("2026-03-02T00:00:00Z")).getUnits()).isEqualTo(3);
        assertThat(fixture.window(Interval.DAY, "genre", "electronic", Instant.parse("2026-03-02T00:00:00Z"))
                .getRevenueUsd()).isEqualTo(money("19.97"));
        assertThat(fixture.window(Interval.DAY, "release", EntityIds.release(URL), Instant.parse("2026-03-02T00:00:00Z"))
                .getUnits()).isEqualTo(3);
    }

    @Test
    void theEntitiesWithPagesAreSplitByBuyerCountryAndTheSplitSumsToTheTotals() {
        fixture.sale("a", TEN.plusSeconds(5)).cart("c1").paid("EUR", "10", "7", "11.62").pipe();
        fixture.sale("b", TEN.plusSeconds(5)).cart("c1").type("t").paid("USD", "2.00", "0", "2.00").pipe();
        fixture.sale("c", TEN.plusSeconds(20)).cart("c2").paid("GBP", "5", "5", "6.35").country("gb", "United Kingdom").pipe();
        fixture.sale("d", TEN.plusSeconds(30)).cart("c3").usd("1.00").country(null, null).pipe();
        fixture.flush();

        List<CountryTotals> expected = List.of(new CountryTotals("DE", 2L, money("13.62"), 1L),
                new CountryTotals("GB", 1L, money("6.35"), 1L), new CountryTotals(Dimension.UNKNOWN, 1L, money("1.00"), 1L));
        Instant day = Instant.parse("2026-03-02T00:00:00Z");
        assertThat(fixture.window(Interval.MINUTE, "artist", ARTIST, TEN).getByCountry()).containsExactlyElementsOf(expected);
        assertThat(fixture.window(Interval.HOUR, "release", EntityIds.release(URL), TEN).getByCountry())
                .containsExactlyElementsOf(expected);
        assertThat(fixture.window(Interval.DAY, "label", EntityIds.label("https://kessel-records.bandcamp.com"), day)
                .getByCountry()).containsExactlyElementsOf(expected);
        assertThat(fixture.window(Interval.DAY, "genre", "electronic", day).getByCountry()).containsExactlyElementsOf(expected);
        StatsWindow tag = fixture.window(Interval.DAY, "tag", "ambient", day);
        assertThat(tag.getByCountry()).containsExactlyElementsOf(expected);
        assertThat(tag.getUnits()).isEqualTo(4);
        assertThat(tag.getRevenueUsd()).isEqualTo(money("20.97"));
        assertThat(tag.getCarts()).isEqualTo(3);
        // The store's and a kind's split would repeat the country dimension: not written.
        assertThat(fixture.window(Interval.MINUTE, "store", "all", TEN).getByCountry()).isEmpty();
        assertThat(fixture.window(Interval.MINUTE, "kind", "album", TEN).getByCountry()).isEmpty();
        assertThat(fixture.window(Interval.MINUTE, "country", "DE", TEN).getByCountry()).isEmpty();
    }

    @Test
    void aCartWhoseItemsNameTwoCountriesCountsOnceInEachWhateverTheirOrder() {
        Instant otherDay = TEN.plus(java.time.Duration.ofDays(1));
        fixture.sale("a", TEN).cart("c1").country("de", "Germany").pipe();
        fixture.sale("b", TEN.plusSeconds(1)).cart("c1").country("us", "United States").pipe();
        fixture.sale("c", otherDay).cart("c2").country("us", "United States").pipe();
        fixture.sale("d", otherDay.plusSeconds(1)).cart("c2").country("de", "Germany").pipe();
        fixture.flush();

        for (Instant at : List.of(TEN, otherDay)) {
            StatsWindow artist = fixture.window(Interval.HOUR, "artist", ARTIST, at);
            assertThat(artist.getCarts()).isEqualTo(1);
            assertThat(artist.getByCountry()).extracting(CountryTotals::getCountry, CountryTotals::getUnits,
                    CountryTotals::getCarts).containsExactly(org.assertj.core.groups.Tuple.tuple("DE", 1L, 1L),
                    org.assertj.core.groups.Tuple.tuple("US", 1L, 1L));
        }
    }

    @Test
    void windowEdgesAreHalfOpen() {
        fixture.sale("a", Instant.parse("2026-03-02T10:00:59.999999Z")).pipe();
        fixture.sale("b", Instant.parse("2026-03-02T10:01:00Z")).pipe();
        fixture.sale("c", Instant.parse("2026-03-02T10:59:59.999999Z")).pipe();
        fixture.sale("d", Instant.parse("2026-03-02T11:00:00Z")).pipe();
        fixture.flush();

        assertThat(fixture.window(Interval.MINUTE, "store", "all", TEN).getUnits()).isEqualTo(1);
        assertThat(fixture.window(Interval.MINUTE, "store", "all", TEN.plusSeconds(60)).getUnits()).isEqualTo(1);
        assertThat(fixture.window(Interval.HOUR, "store", "all", TEN).getUnits()).isEqualTo(3);
        assertThat(fixture.window(Interval.HOUR, "store", "all", TEN.plusSeconds(3600)).getUnits()).isEqualTo(1);
    }

    @Test
    void daysAreUtcDays() {
        fixture.sale("a", Instant.parse("2026-03-01T23:59:59.999999Z")).pipe();
        fixture.sale("b", Instant.parse("2026-03-02T00:00:00Z")).pipe();
        fixture.flush();

        assertThat(fixture.window(Interval.DAY, "store", "all", Instant.parse("2026-03-01T00:00:00Z")).getUnits()).isEqualTo(1);
        assertThat(fixture.window(Interval.DAY, "store", "all", Instant.parse("2026-03-02T00:00:00Z")).getUnits()).isEqualTo(1);
    }

    @Test
    void aWindowIsFinalOnceStreamTimePassesItsEndPlusGraceWithTheLateSalesWithinGrace() {
        fixture.sale("a", TEN.plusSeconds(30)).pipe();
        fixture.sale("b", Instant.parse("2026-03-02T10:10:59Z")).pipe();
        fixture.sale("late", TEN.plusSeconds(50)).pipe(); // out of order, within the grace
        fixture.flush();
        StatsWindow open = fixture.window(Interval.MINUTE, "store", "all", TEN);
        assertThat(open.getFinal$()).isFalse();
        assertThat(open.getUnits()).isEqualTo(2);

        fixture.sale("c", Instant.parse("2026-03-02T10:11:00Z")).pipe(); // 10:01 + 10 min grace

        StatsWindow closed = fixture.window(Interval.MINUTE, "store", "all", TEN);
        assertThat(closed.getFinal$()).as("written as the stream passed the grace").isTrue();
        assertThat(closed.getUnits()).isEqualTo(2);
        assertThat(closed.getVersion()).isGreaterThan(open.getVersion());
        assertThat(fixture.window(Interval.HOUR, "store", "all", TEN).getFinal$()).isFalse();
        List<StatsWindow> finals = fixture.statsRecords(Interval.MINUTE).stream()
                .filter(w -> w.getFinal$() && w.getDimension().equals("store") && w.getWindowStart().equals(TEN)).toList();
        assertThat(finals).hasSize(1);
    }

    @Test
    void aSaleLaterThanTheGraceCorrectsTheClosedWindowWithAnotherFinalRecord() {
        fixture.sale("a", TEN.plusSeconds(30)).usd("3").pipe();
        fixture.sale("b", Instant.parse("2026-03-02T10:30:00Z")).pipe();
        StatsWindow closed = fixture.window(Interval.MINUTE, "store", "all", TEN);
        assertThat(closed.getFinal$()).isTrue();

        fixture.sale("very-late", TEN.plusSeconds(40)).usd("4").pipe();
        fixture.flush();

        StatsWindow corrected = fixture.window(Interval.MINUTE, "store", "all", TEN);
        assertThat(corrected.getFinal$()).isTrue();
        assertThat(corrected.getVersion()).isGreaterThan(closed.getVersion());
        assertThat(corrected.getUnits()).isEqualTo(2);
        assertThat(corrected.getRevenueUsd()).isEqualTo(money("7"));
    }

    @Test
    void aSaleOlderThanTheRetentionIsLeftOutOfTheWindows() {
        fixture.sale("a", Instant.parse("2026-03-05T10:00:00Z")).pipe();
        fixture.flush();
        int before = fixture.statsRecords(Interval.DAY).size();

        fixture.sale("ancient", TEN).pipe();
        fixture.flush();

        assertThat(fixture.enriched()).extracting(e -> e.getSale().getSaleId()).contains("ancient");
        assertThat(fixture.statsRecords(Interval.DAY)).hasSize(before);
        assertThat(fixture.window(Interval.MINUTE, "store", "all", TEN)).isNull();
    }

    @Test
    void aSaleForAForgottenWindowNeverRecreatesItWhateverTheRetention() {
        // A retention that is not a whole number of days: the day of 2 March is forgotten at 12:00 on the 2nd.
        fixture.close();
        AnalyticsSettings d = AnalyticsSettings.DEFAULTS;
        fixture = new AnalyticsFixture(stateDir.resolve("36h"), new AnalyticsSettings(d.enrichWait(), d.statsGrace(),
                java.time.Duration.ofHours(36), d.emitInterval(), d.spikeRules(), d.chartEntryMinUnits()));
        fixture.knownRelease(URL, "Velvet Orrery", ROOT, "Kessel Records", "electronic", "ambient");
        Instant day = Instant.parse("2026-03-02T00:00:00Z");
        fixture.sale("a", Instant.parse("2026-03-02T05:00:00Z")).pipe();
        fixture.sale("b", Instant.parse("2026-03-04T01:10:00Z")).pipe();
        fixture.flush();
        StatsWindow before = fixture.window(Interval.DAY, "store", "all", day);
        assertThat(before.getFinal$()).isTrue();

        fixture.sale("late", Instant.parse("2026-03-02T06:00:00Z")).pipe();
        fixture.flush();

        StatsWindow after = fixture.window(Interval.DAY, "store", "all", day);
        assertThat(after.getUnits()).as("not a new window holding only the late sale").isEqualTo(1);
        assertThat(after.getVersion()).isEqualTo(before.getVersion());
    }

    @Test
    void aDuplicateSaleCountsOnce() {
        fixture.sale("a", TEN).pipe();
        fixture.sale("a", TEN).pipe();
        fixture.flush();
        assertThat(fixture.window(Interval.MINUTE, "store", "all", TEN).getUnits()).isEqualTo(1);
    }

    @Test
    void aNegativeContributionSubtractsExactlyWhatASaleAdds() {
        fixture.sale("a", TEN.plusSeconds(1)).cart("c1").paid("EUR", "10", "7", "11.62").pipe();
        fixture.sale("b", TEN.plusSeconds(2)).cart("c2").usd("4.00").pipe();
        fixture.flush();

        // A refund of sale a, as the labels' official API will report it: the same facts with sign -1.
        EntityRef store = new EntityRef(Dimension.STORE, Dimension.WHOLE_STORE, "Bandcamp");
        EntityRef artist = new EntityRef(Dimension.ARTIST, ARTIST, "Velvet Orrery");
        long micros = TEN.plusSeconds(1).getEpochSecond() * 1_000_000;
        fixture.pipeDelta("0|refund-a|0", new SaleDelta("a", micros, "c1", "EUR", new BigDecimal("10"),
                new BigDecimal("11.62"), false, new BigDecimal("3.4860"), "DE",
                List.of(new SaleDelta.Contribution(store, -1), new SaleDelta.Contribution(artist, -1)), List.of()));
        fixture.flush();

        StatsWindow after = fixture.window(Interval.MINUTE, "store", "all", TEN);
        assertThat(after.getUnits()).isEqualTo(1);
        assertThat(after.getRevenueUsd()).isEqualTo(money("4.00"));
        assertThat(after.getRevenueByCurrency()).containsExactly(new CurrencyAmount("EUR", money("0")),
                new CurrencyAmount("USD", money("4.00")));
        assertThat(after.getCarts()).as("cart c1 has no item left").isEqualTo(1);
        assertThat(after.getOverpayUsd()).isEqualTo(money("0"));
        StatsWindow artistDay = fixture.window(Interval.DAY, "artist", ARTIST, Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(artistDay.getUnits()).isEqualTo(1);
        assertThat(artistDay.getByCountry()).containsExactly(new CountryTotals("DE", 1L, money("4.00"), 1L));
    }
}
