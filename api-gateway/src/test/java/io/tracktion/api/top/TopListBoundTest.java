package io.tracktion.api.top;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.api.db.Jdbc;
import io.tracktion.api.stats.StatsInterval;
import io.tracktion.api.testing.ApiWithDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A top list sums only the best entities of each window (day, or hour for a range that covers no day whole) its range
 * touches when the bound says no other can reach it ({@link TopQuery#answer}): with more entities a window than one
 * try takes, its answer must equal the sum of every entity, for random ranges, limits and rankings, whether the first
 * try suffices (sales skewed, as in a real store) or not (every entity alike), with edges of minutes and ties.
 */
class TopListBoundTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    private static final Instant START = Instant.parse("2026-11-28T00:00:00Z");
    private static final int DAYS = 3;
    private static final int ARTISTS = 400;
    private static final int RANGES = 40;

    @Test
    void skewedSalesAreAnsweredFromTheirBestAndEqualTheSumOfEveryEntity() {
        rollups(new Random(5), artist -> 1 + 60 / (artist + 1)); // a few best sellers and a long tail
        Tries tries = compareForRandomRanges(new Random(6));
        assertThat(tries.everyEntity()).as("answers that summed every entity").isZero();
        // The candidates' own day values rule some of them out before their windows are summed.
        assertThat(tries.summed()).as("candidates summed").isLessThan(tries.listed());
    }

    @Test
    void overWholeWeeksOfSkewedSalesMostCandidatesAreRuledOutBeforeTheirWindowsAreSummed() {
        // Day windows only, 30 days of a store whose artists sell as a power law: as real stores do.
        Random random = new Random(9);
        StringBuilder days = new StringBuilder();
        for (int artist = 0; artist < ARTISTS; artist++) {
            for (int day = 0; day < 30; day++) {
                appendWindow(days, random, artist, START.plus(Duration.ofDays(day)),
                        1 + random.nextInt(1 + 2_000 / (artist + 1)));
            }
        }
        API.execute(insert("stats_day", days) + "; ANALYZE stats_day");
        TopQuery query = new TopQuery(new Jdbc(API.dataSource()));
        int listed = 0;
        int summed = 0;
        for (int i = 0; i < 20; i++) {
            Instant from = START.plus(Duration.ofDays(random.nextInt(10)));
            RollupTiles range = RollupTiles.cover(from, from.plus(Duration.ofDays(7 + random.nextInt(14))), null);
            Ranking ranking = random.nextBoolean() ? Ranking.REVENUE : Ranking.UNITS;
            int limit = 1 + random.nextInt(50);
            TopQuery.Answer answer = query.answer("artist", range, ranking, limit);
            assertThat(answer.entries()).as(ranking + " " + limit + " " + range.from() + " " + range.to())
                    .isEqualTo(query.everyEntity("artist", range, ranking, limit));
            listed += answer.listed();
            summed += answer.summed();
        }
        assertThat(summed).as("candidates summed of " + listed + " listed").isLessThan(listed / 2);
    }

    @Test
    void twentyFourHoursAstrideTwoDaysAreBoundByTheirHoursAndFewCandidatesAreSummed() {
        // A head that stands out of a long, flat tail, as tags sell: the 10th entity's 24 hours sum less than two
        // whole days of the 50th, so the days touched bound it too loosely to rule anyone out (it took a deeper try
        // for 42 to 44 of these 46 ranges in a simulation, and summed every candidate listed); the hours the range
        // covers whole give each candidate a least, and deeper hour lists a low bound.
        rollups(new Random(11), artist -> 2 + (int) (40 / Math.sqrt(artist + 1)));
        TopQuery query = new TopQuery(new Jdbc(API.dataSource()));
        int summed = 0;
        int ranges = 0;
        for (int startHour = 1; startHour < 48; startHour++) {
            if (startHour == 24) {
                continue; // a whole day
            }
            RollupTiles range = RollupTiles.cover(START.plus(Duration.ofHours(startHour)),
                    START.plus(Duration.ofHours(startHour + 24)), null);
            TopQuery.Answer answer = query.answer("artist", range, Ranking.REVENUE, 10);
            assertThat(answer.entries()).as(range.from() + " " + range.to())
                    .isEqualTo(query.everyEntity("artist", range, Ranking.REVENUE, 10));
            // Deeper than 200 would list all 400 artists, and need no bound at all.
            assertThat(answer.depth()).as("not every entity summed, nor every one listed").isBetween(1, 200);
            summed += answer.summed();
            ranges++;
        }
        assertThat(summed).as("candidates summed for " + ranges + " lists of 10").isLessThan(ranges * 20);
    }

    @Test
    void rangesWithEdgesOfMinutesAndTiedEntitiesEqualTheSumOfEveryEntity() {
        // Minute windows, their hours and days summed from them; two prices only, so that many entities tie.
        Random random = new Random(13);
        StringBuilder minutes = new StringBuilder();
        for (int artist = 0; artist < ARTISTS; artist++) {
            for (int hour = 0; hour < DAYS * 24; hour++) {
                java.util.Set<Integer> soldIn = new java.util.HashSet<>();
                for (int sale = random.nextInt(2 + 12 / (artist + 1)); sale > 0; sale--) {
                    soldIn.add(random.nextInt(60));
                }
                for (int minute : soldIn) {
                    int units = 1 + random.nextInt(2);
                    appendWindow(minutes, artist, START.plus(Duration.ofMinutes(hour * 60L + minute)), units,
                            BigDecimal.valueOf(units * (random.nextBoolean() ? 500L : 700L), 2));
                }
            }
        }
        API.execute(insert("stats_minute", minutes) + "; " + sumInto("stats_hour", "hour", "stats_minute") + "; "
                + sumInto("stats_day", "day", "stats_hour") + "; ANALYZE stats_minute, stats_hour, stats_day");
        TopQuery query = new TopQuery(new Jdbc(API.dataSource()));
        int hourLevel = 0;
        for (int i = 0; i < RANGES; i++) {
            Instant from = START.plusSeconds(random.nextInt(DAYS * 86_400 - 3_600));
            Instant to = from.plusSeconds(60 + random.nextInt(i % 4 == 0 ? 2 * 86_400 : 86_400));
            RollupTiles range = RollupTiles.cover(from, to, START); // every minute kept
            Ranking ranking = random.nextBoolean() ? Ranking.REVENUE : Ranking.UNITS;
            int limit = 1 + random.nextInt(30);
            TopQuery.Answer answer = query.answer("artist", range, ranking, limit);
            assertThat(answer.entries()).as(ranking + " " + limit + " " + from + " " + to)
                    .isEqualTo(query.everyEntity("artist", range, ranking, limit));
            if (range.tiles().stream().noneMatch(tile -> tile.interval() == StatsInterval.DAY)) {
                hourLevel++;
            }
        }
        assertThat(hourLevel).as("ranges bound by their hours").isGreaterThan(RANGES / 2);
    }

    @Test
    void entitiesAllAlikeNeedDeeperTriesAndStillEqualTheSumOfEveryEntity() {
        rollups(new Random(7), artist -> 4);
        assertThat(compareForRandomRanges(new Random(8)).first()).as("answers from the first try").isLessThan(RANGES);
    }

    /**
     * How many answers came from the first try and how many from summing every entity; over all answers, the
     * candidates listed and those summed.
     */
    private record Tries(int first, int everyEntity, int listed, int summed) {
    }

    private Tries compareForRandomRanges(Random random) {
        TopQuery query = new TopQuery(new Jdbc(API.dataSource()));
        int firstTries = 0;
        int everyEntity = 0;
        int listed = 0;
        int summed = 0;
        for (int i = 0; i < RANGES; i++) {
            Instant from = START.plusSeconds(random.nextInt(DAYS * 86_400 - 3_600)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            Instant to = from.plus(Duration.ofHours(1 + random.nextInt(DAYS * 24)));
            RollupTiles range = RollupTiles.cover(from, to, null);
            Ranking ranking = random.nextBoolean() ? Ranking.REVENUE : Ranking.UNITS;
            int limit = 1 + random.nextInt(random.nextBoolean() ? 10 : 100);
            TopQuery.Answer answer = query.answer("artist", range, ranking, limit);
            assertThat(answer.entries()).as(ranking + " " + limit + " " + from + " " + to)
                    .isEqualTo(query.everyEntity("artist", range, ranking, limit));
            if (answer.depth() == Math.max(TopQuery.FIRST_DEPTH, 2 * limit)) {
                firstTries++;
            }
            if (answer.depth() == 0) {
                everyEntity++;
            }
            listed += answer.listed();
            summed += answer.summed();
        }
        return new Tries(firstTries, everyEntity, listed, summed);
    }

    /** Hour windows of {@link #ARTISTS} artists over {@link #DAYS} days, random around each one's rate; days summed from them. */
    private static void rollups(Random random, java.util.function.IntUnaryOperator mostUnitsAnHour) {
        StringBuilder hours = new StringBuilder();
        for (int artist = 0; artist < ARTISTS; artist++) {
            for (int hour = 0; hour < DAYS * 24; hour++) {
                if (random.nextInt(3) == 0) {
                    continue; // no sale this hour
                }
                appendWindow(hours, random, artist, START.plus(Duration.ofHours(hour)),
                        1 + random.nextInt(mostUnitsAnHour.applyAsInt(artist)));
            }
        }
        API.execute(insert("stats_hour", hours) + "; " + sumInto("stats_day", "day", "stats_hour")
                + "; ANALYZE stats_hour, stats_day");
    }

    /** An artist's window as a row of {@link #insert}'s VALUES: its units, each at a random price. */
    private static void appendWindow(StringBuilder rows, Random random, int artist, Instant start, int units) {
        appendWindow(rows, artist, start, units, BigDecimal.valueOf((long) units * (100 + random.nextInt(900)), 2));
    }

    private static void appendWindow(StringBuilder rows, int artist, Instant start, int units, BigDecimal usd) {
        rows.append(rows.isEmpty() ? "" : ",").append("('a").append(artist).append("', '").append(start).append("', ")
                .append(units).append(", ").append(usd.toPlainString()).append(")");
    }

    /** The windows of a finer table summed into a coarser one, by UTC {@code unit} (hour or day). */
    private static String sumInto(String coarser, String unit, String finer) {
        return """
                INSERT INTO %s (dimension, entity_id, window_start, entity_name, units, revenue_usd,
                    revenue_by_currency, carts, pay_what_you_want_units, overpay_usd, final, version, last_sale_at)
                SELECT dimension, entity_id, date_trunc('%s', window_start, 'UTC'), entity_id, sum(units),
                       sum(revenue_usd), '{}', sum(carts), 0, 0, true, 1, max(last_sale_at)
                FROM %s GROUP BY 1, 2, 3""".formatted(coarser, unit, finer);
    }

    /** The artists' windows into a rollup table, with one cart per unit. */
    private static String insert(String table, StringBuilder rows) {
        return """
                INSERT INTO %s (dimension, entity_id, window_start, entity_name, units, revenue_usd,
                    revenue_by_currency, carts, pay_what_you_want_units, overpay_usd, final, version, last_sale_at)
                SELECT 'artist', e, w::timestamptz, e, u, r, '{}', u, 0, 0, true, 1, w::timestamptz
                FROM (VALUES %s) AS v (e, w, u, r)""".formatted(table, rows);
    }
}
