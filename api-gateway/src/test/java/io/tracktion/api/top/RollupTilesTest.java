package io.tracktion.api.top;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.api.stats.StatsInterval;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupTilesTest {

    private static final Instant KEPT_SINCE = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void cutsARangeIntoDaysHoursAndMinutes() {
        RollupTiles range = RollupTiles.cover(at("2026-11-28T22:58:30Z"), at("2026-12-01T01:02:10Z"), KEPT_SINCE);

        assertThat(range.from()).isEqualTo(at("2026-11-28T22:58:00Z"));
        assertThat(range.to()).isEqualTo(at("2026-12-01T01:03:00Z"));
        assertThat(range.tiles()).containsExactly(
                tile(StatsInterval.MINUTE, "2026-11-28T22:58:00Z", "2026-11-28T23:00:00Z"),
                tile(StatsInterval.HOUR, "2026-11-28T23:00:00Z", "2026-11-29T00:00:00Z"),
                tile(StatsInterval.DAY, "2026-11-29T00:00:00Z", "2026-12-01T00:00:00Z"),
                tile(StatsInterval.HOUR, "2026-12-01T00:00:00Z", "2026-12-01T01:00:00Z"),
                tile(StatsInterval.MINUTE, "2026-12-01T01:00:00Z", "2026-12-01T01:03:00Z"));
    }

    @Test
    void aShortRangeIsMinutesOnlyAndWholeWindowsNeedNoFinerOnes() {
        assertThat(RollupTiles.cover(at("2026-12-01T10:15:00Z"), at("2026-12-01T10:20:00Z"), KEPT_SINCE).tiles())
                .containsExactly(tile(StatsInterval.MINUTE, "2026-12-01T10:15:00Z", "2026-12-01T10:20:00Z"));
        assertThat(RollupTiles.cover(at("2026-12-01T00:00:00Z"), at("2026-12-03T00:00:00Z"), null).tiles())
                .containsExactly(tile(StatsInterval.DAY, "2026-12-01T00:00:00Z", "2026-12-03T00:00:00Z"));
        assertThat(RollupTiles.cover(at("2026-12-01T10:00:00Z"), at("2026-12-01T12:00:00Z"), null).tiles())
                .containsExactly(tile(StatsInterval.HOUR, "2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z"));
        RollupTiles empty = RollupTiles.cover(at("2026-12-01T10:00:00Z"), at("2026-12-01T10:00:00Z"), KEPT_SINCE);
        assertThat(empty.tiles()).isEmpty();
        assertThat(RollupTiles.cover(at("2026-12-01T10:00:30Z"), at("2026-12-01T10:00:30Z"), KEPT_SINCE).tiles()).isEmpty();
    }

    @Test
    void takesEdgesToWholeHoursWhereMinutesAreNoLongerKept() {
        Instant keptSince = at("2026-11-30T10:30:00Z");

        RollupTiles old = RollupTiles.cover(at("2026-11-29T08:10:00Z"), at("2026-11-30T10:20:00Z"), keptSince);
        assertThat(old.from()).isEqualTo(at("2026-11-29T08:00:00Z"));
        assertThat(old.to()).isEqualTo(at("2026-11-30T11:00:00Z"));
        assertThat(old.tiles()).allMatch(tile -> tile.interval() != StatsInterval.MINUTE);

        RollupTiles recentEnd = RollupTiles.cover(at("2026-11-29T08:10:00Z"), at("2026-11-30T11:20:00Z"), keptSince);
        assertThat(recentEnd.from()).isEqualTo(at("2026-11-29T08:00:00Z"));
        assertThat(recentEnd.to()).isEqualTo(at("2026-11-30T11:20:00Z"));
        assertThat(recentEnd.tiles()).last().isEqualTo(tile(StatsInterval.MINUTE, "2026-11-30T11:00:00Z", "2026-11-30T11:20:00Z"));
    }

    @Test
    void everyMinuteOfTheRangeIsInExactlyOneTile() {
        java.util.Random random = new java.util.Random(7);
        Instant base = at("2026-11-01T00:00:00Z");
        for (int i = 0; i < 2_000; i++) {
            Instant from = base.plusSeconds(random.nextInt(10 * 86_400));
            Instant to = from.plusSeconds(random.nextInt(4 * 86_400));
            Instant keptSince = randomKeptSince(random, from, 5 * 86_400);
            RollupTiles range = RollupTiles.cover(from, to, keptSince);
            assertThat(range.from()).isBeforeOrEqualTo(from);
            assertThat(range.to()).isAfterOrEqualTo(to);
            Instant next = range.from();
            for (RollupTiles.Tile tile : range.tiles()) {
                assertThat(tile.from()).isEqualTo(next);
                assertThat(tile.interval().floor(tile.from())).isEqualTo(tile.from());
                assertThat(tile.interval().floor(tile.to())).isEqualTo(tile.to());
                assertThat(tile.from()).isBefore(tile.to());
                if (tile.interval() == StatsInterval.MINUTE) { // only minutes still kept
                    assertThat(keptSince).isNotNull();
                    assertThat(tile.from()).isAfterOrEqualTo(keptSince);
                }
                next = tile.to();
            }
            assertThat(next).isEqualTo(range.tiles().isEmpty() ? range.from() : range.to());
            assertThat(range.tiles()).hasSizeLessThanOrEqualTo(5);
        }
    }

    @Test
    void netTilesCountEveryMinuteOfTheRangeOnceAndReadAtMostHalfAnHourOfMinutesAnEdgeAndHalfADayOfHours() {
        java.util.Random random = new java.util.Random(11);
        Instant base = at("2026-11-01T00:00:00Z");
        for (int i = 0; i < 1_000; i++) {
            Instant from = base.plusSeconds(random.nextInt(10 * 86_400));
            Instant to = from.plusSeconds(random.nextInt(i % 2 == 0 ? 7_200 : 4 * 86_400));
            Instant keptSince = randomKeptSince(random, from, 2 * 86_400);
            RollupTiles range = RollupTiles.cover(from, to, keptSince);
            // Each minute's count: +1 for each added window holding it, -1 for each taken away.
            java.util.Map<Instant, Integer> counted = new java.util.HashMap<>();
            long minutesRead = 0;
            java.util.Map<Instant, Long> hoursReadADay = new java.util.HashMap<>();
            for (RollupTiles.SignedTile net : range.netTiles(Instant.MAX)) {
                RollupTiles.Tile tile = net.tile();
                assertThat(tile.from()).isBefore(tile.to());
                // SQL reads every window starting in the tile: a tile must begin and end on its windows' bounds.
                assertThat(tile.interval().floor(tile.from())).isEqualTo(tile.from());
                assertThat(tile.interval().floor(tile.to())).isEqualTo(tile.to());
                assertThat(net.sign()).isIn(1, -1);
                for (Instant minute = tile.from(); minute.isBefore(tile.to()); minute = minute.plusSeconds(60)) {
                    counted.merge(minute, net.sign(), Integer::sum);
                }
                if (tile.interval() == StatsInterval.HOUR) {
                    hoursReadADay.merge(StatsInterval.DAY.floor(tile.from()),
                            java.time.Duration.between(tile.from(), tile.to()).toHours(), Long::sum);
                }
                if (tile.interval() == StatsInterval.MINUTE) {
                    assertThat(keptSince).isNotNull();
                    assertThat(tile.from()).isAfterOrEqualTo(keptSince);
                    minutesRead += java.time.Duration.between(tile.from(), tile.to()).toMinutes();
                    if (!StatsInterval.HOUR.floor(tile.from()).isBefore(keptSince)) { // the whole hour's minutes kept
                        assertThat(java.time.Duration.between(tile.from(), tile.to()).toMinutes()).isLessThanOrEqualTo(30);
                    }
                }
            }
            // Windows not settled yet are never read less their parts.
            assertThat(range.netTiles(Instant.EPOCH)).allMatch(net -> net.sign() == 1);
            counted.values().removeIf(count -> count == 0);
            java.util.Map<Instant, Integer> expected = new java.util.HashMap<>();
            for (Instant minute = range.from(); minute.isBefore(range.to()); minute = minute.plusSeconds(60)) {
                expected.put(minute, 1);
            }
            assertThat(counted).as(from + " " + to + " " + keptSince).isEqualTo(expected);
            long minutesInTiles = range.tiles().stream().filter(t -> t.interval() == StatsInterval.MINUTE)
                    .mapToLong(t -> java.time.Duration.between(t.from(), t.to()).toMinutes()).sum();
            assertThat(minutesRead).isLessThanOrEqualTo(minutesInTiles);
            // At most 12 hours a day, and the hour of each edge of minutes read less its minutes.
            assertThat(hoursReadADay.values()).as(from + " " + to).allMatch(hours -> hours <= 14);
        }
    }

    @Test
    void aDayIsReadLessItsOtherHoursOnlyOnceItHasEndedBySettledBefore() {
        // 03:00 on the 1st to 20:00 on the 2nd: 21 hours of the 1st and 20 of the 2nd, each its day less the others.
        RollupTiles range = RollupTiles.cover(at("2026-11-01T03:00:00Z"), at("2026-11-02T20:00:00Z"), null);
        RollupTiles.SignedTile firstDay = new RollupTiles.SignedTile(
                tile(StatsInterval.DAY, "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"), 1);
        RollupTiles.SignedTile firstDaysEarlyHours = new RollupTiles.SignedTile(
                tile(StatsInterval.HOUR, "2026-11-01T00:00:00Z", "2026-11-01T03:00:00Z"), -1);
        Instant secondDayEnd = at("2026-11-03T00:00:00Z");
        for (Instant settledBefore : java.util.List.of(secondDayEnd, secondDayEnd.plusSeconds(60))) {
            assertThat(range.netTiles(settledBefore)).as("settled before " + settledBefore).containsExactly(
                    firstDay, firstDaysEarlyHours,
                    new RollupTiles.SignedTile(tile(StatsInterval.DAY, "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"), 1),
                    new RollupTiles.SignedTile(tile(StatsInterval.HOUR, "2026-11-02T20:00:00Z", "2026-11-03T00:00:00Z"), -1));
        }
        assertThat(range.netTiles(secondDayEnd.minusSeconds(60))).containsExactly(firstDay, firstDaysEarlyHours,
                new RollupTiles.SignedTile(tile(StatsInterval.HOUR, "2026-11-02T00:00:00Z", "2026-11-02T20:00:00Z"), 1));
    }

    /** No minutes kept, all kept, or kept from a random minute in the {@code seconds} after {@code from}. */
    private static Instant randomKeptSince(java.util.Random random, Instant from, int seconds) {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> KEPT_SINCE;
            default -> StatsInterval.MINUTE.floor(from.plusSeconds(random.nextInt(seconds)));
        };
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static RollupTiles.Tile tile(StatsInterval interval, String from, String to) {
        return new RollupTiles.Tile(interval, at(from), at(to));
    }
}
