package io.tracktion.transformer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.schemas.StatsWindow;
import io.tracktion.transformer.testing.AnalyticsFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * For random streams of sales, with duplicates, disorder of up to three hours, and releases known from the start,
 * known only later (their early sales written as unknown and re-attributed) or never: once every window has closed,
 * the latest (final) records of every interval sum, per dimension, to what the distinct sales add up to.
 */
class FinalWindowsPropertyTest {

    static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    /** Release index → [artist, label, genre, tags] entities it counts for once known; -1 never known. */
    static final String[] RELEASES = {"known", "later", "never"};
    static final Map<String, Integer> LABELS = Map.of("known", 1, "later", 0, "never", 1);
    static final Map<String, Integer> TAGS = Map.of("known", 2, "later", 1, "never", 1);

    record GeneratedSale(int id, int release, int cart, long offsetSeconds, int cents, int currency, int country) {
    }

    @Provide
    Arbitrary<List<GeneratedSale>> streams() {
        Arbitrary<GeneratedSale> sale = Combinators.combine(
                Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 15), Arbitraries.longs().between(0, 3 * 3600),
                Arbitraries.integers().between(0, 5000), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 3))
                .as(GeneratedSale::new);
        return sale.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 40, shrinking = ShrinkingMode.BOUNDED)
    void finalWindowsSumToTheDistinctSales(@ForAll("streams") List<GeneratedSale> generated) throws IOException {
        // A sale's facts come from its id, so a duplicate is the same sale; a cart's items share the cart's time.
        Map<Integer, GeneratedSale> distinct = new LinkedHashMap<>();
        Map<Integer, Long> cartTimes = new HashMap<>();
        List<GeneratedSale> stream = new ArrayList<>();
        for (GeneratedSale g : generated) {
            GeneratedSale first = distinct.computeIfAbsent(g.id(), id -> {
                long time = cartTimes.computeIfAbsent(g.cart(), c -> g.offsetSeconds());
                return new GeneratedSale(g.id(), g.release(), g.cart(), time, g.cents(), g.currency(), g.country());
            });
            stream.add(first);
        }
        Path dir = Files.createTempDirectory("final-windows");
        try (AnalyticsFixture fixture = new AnalyticsFixture(dir)) {
            fixture.knownRelease(url("known"), "Known", root("known"), "Label", "electronic", "ambient", "drone");
            int half = stream.size() / 2;
            for (int i = 0; i < stream.size(); i++) {
                if (i == half) {
                    fixture.advanceWallClock(Duration.ofSeconds(11)); // the waiting sales are written as unknown
                    fixture.knownRelease(url("later"), "Later", root("later"), null, "rock", "loud");
                }
                pipe(fixture, stream.get(i));
            }
            fixture.advanceWallClock(Duration.ofSeconds(11));
            // A sale two days on closes every window of the generated ones (without forgetting them).
            fixture.sale("closer", DAY.plus(Duration.ofDays(2)).plusSeconds(3600)).url(url("known")).pipe();
            fixture.flush();

            for (Interval interval : Interval.values()) {
                List<StatsWindow> windows = fixture.windows(interval).values().stream()
                        .filter(w -> w.getWindowStart().isBefore(DAY.plus(Duration.ofDays(2)))).toList();
                assertThat(windows).allSatisfy(w -> assertThat(w.getFinal$()).as("final: " + w).isTrue());
                for (String dimension : List.of("store", "country", "kind", "release", "artist", "label", "genre", "tag")) {
                    long units = 0;
                    BigDecimal usd = BigDecimal.ZERO;
                    for (GeneratedSale s : distinct.values()) {
                        int times = entitiesOf(dimension, RELEASES[s.release()]);
                        units += times;
                        usd = usd.add(usd(s).multiply(BigDecimal.valueOf(times)));
                    }
                    List<StatsWindow> ofDimension = windows.stream().filter(w -> w.getDimension().equals(dimension)).toList();
                    assertThat(ofDimension.stream().mapToLong(StatsWindow::getUnits).sum())
                            .as(interval + " " + dimension + " units").isEqualTo(units);
                    assertThat(ofDimension.stream().map(StatsWindow::getRevenueUsd).reduce(BigDecimal.ZERO, BigDecimal::add))
                            .as(interval + " " + dimension + " revenue").isEqualByComparingTo(usd);
                    if (!List.of("store", "country", "kind").contains(dimension)) {
                        assertSplitByCountry(interval + " " + dimension, ofDimension, distinct.values(), dimension);
                    }
                }
                List<StatsWindow> store = windows.stream().filter(w -> w.getDimension().equals("store")).toList();
                assertThat(store.stream().mapToLong(StatsWindow::getCarts).sum()).as(interval + " carts")
                        .isEqualTo(distinct.values().stream().map(GeneratedSale::cart).distinct().count());
                assertThat(windows.stream().filter(w -> w.getDimension().equals("artist") && w.getEntityId().equals("unknown"))
                        .mapToLong(StatsWindow::getUnits).sum()).as("only never-known releases stay unknown")
                        .isEqualTo(distinct.values().stream().filter(s -> s.release() == 2).count());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }

    /**
     * Every window's split by buyer country sums to the window, and the dimension's units by country to what the
     * distinct sales add up to. (Carts by country, in a cart of several countries: {@code StatsTopologyTest}.)
     */
    static void assertSplitByCountry(String what, List<StatsWindow> windows, java.util.Collection<GeneratedSale> sales,
                                     String dimension) {
        Map<String, Long> expected = new java.util.TreeMap<>();
        String[] codes = {"DE", "US", "JP", "unknown"};
        for (GeneratedSale s : sales) {
            expected.merge(codes[s.country()], (long) entitiesOf(dimension, RELEASES[s.release()]), Long::sum);
        }
        expected.values().removeIf(units -> units == 0);
        Map<String, Long> actual = new java.util.TreeMap<>();
        for (StatsWindow w : windows) {
            assertThat(w.getByCountry().stream().mapToLong(c -> c.getUnits()).sum()).as(what + " split units " + w)
                    .isEqualTo(w.getUnits());
            assertThat(w.getByCountry().stream().map(c -> c.getRevenueUsd()).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as(what + " split revenue " + w).isEqualByComparingTo(w.getRevenueUsd());
            w.getByCountry().forEach(c -> actual.merge(c.getCountry(), c.getUnits(), Long::sum));
        }
        actual.values().removeIf(units -> units == 0);
        assertThat(actual).as(what + " units by country").isEqualTo(expected);
    }

    /** How many entities of a dimension one sale of the release counts for, once all is known that will be. */
    static int entitiesOf(String dimension, String release) {
        return switch (dimension) {
            case "label" -> LABELS.get(release);
            case "tag" -> TAGS.get(release);
            default -> 1;
        };
    }

    static void pipe(AnalyticsFixture fixture, GeneratedSale s) {
        String[] currencies = {"USD", "EUR", "JPY"};
        String[] countries = {"de", "us", "jp", null};
        var sale = fixture.sale("s" + s.id(), DAY.plusSeconds(s.offsetSeconds()).plusMillis(s.id()))
                .url(url(RELEASES[s.release()])).cart("c" + s.cart());
        String amount = currencies[s.currency()].equals("JPY") ? String.valueOf(s.cents()) : usd(s).toPlainString();
        sale.paid(currencies[s.currency()], amount, s.cents() % 7 == 0 ? "0" : amount, usd(s).toPlainString());
        if (countries[s.country()] == null) {
            sale.noCountry();
        } else {
            sale.country(countries[s.country()], countries[s.country()].toUpperCase());
        }
        sale.pipe();
    }

    static BigDecimal usd(GeneratedSale s) {
        return BigDecimal.valueOf(s.cents(), 2);
    }

    static String root(String name) {
        return "https://" + name + ".bandcamp.com";
    }

    static String url(String name) {
        return root(name) + "/album/one";
    }
}
