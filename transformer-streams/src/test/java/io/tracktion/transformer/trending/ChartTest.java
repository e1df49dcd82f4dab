package io.tracktion.transformer.trending;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracktion.transformer.delta.ChartRef;
import io.tracktion.transformer.delta.Dimension;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A chart ranks the same whether it keeps a ranking sorted or ranks when asked, and as a plain sort would. */
class ChartTest {

    @Test
    void sortedAndUnsortedChartsRankAlike() {
        Random random = new Random(5);
        Chart sorted = new Chart(ChartRef.store(Dimension.ARTIST), true);
        Chart unsorted = new Chart(ChartRef.store(Dimension.ARTIST), false);
        for (int i = 0; i < 5_000; i++) {
            String id = "a" + random.nextInt(300);
            Period period = Period.values()[random.nextInt(Period.values().length)];
            long units = random.nextInt(10) < 8 ? 1 : -1; // refunds and moves take away too
            BigDecimal revenue = BigDecimal.valueOf(random.nextInt(2_000), 2).multiply(BigDecimal.valueOf(units));
            sorted.add(id, id, period, units, revenue);
            unsorted.add(id, id, period, units, revenue);
        }
        for (Period period : Period.values()) {
            List<Chart.Ranked> expected = sorted.totals.entrySet().stream()
                    .filter(e -> e.getValue().units[period.ordinal()] > 0)
                    .map(e -> new Chart.Ranked(e.getKey(), e.getValue().units[period.ordinal()],
                            e.getValue().revenueUsd[period.ordinal()]))
                    .sorted(Chart.RANK_ORDER).toList();
            assertThat(sorted.top(period, 20)).as(period + " sorted").isEqualTo(expected.subList(0, 20));
            assertThat(unsorted.top(period, 20)).as(period + " unsorted").isEqualTo(expected.subList(0, 20));

            Set<String> asked = Set.of(expected.get(0).id(), expected.get(7).id(), expected.get(expected.size() - 1).id(),
                    "never-sold");
            Map<String, Integer> ranks = unsorted.ranksOf(period, asked);
            assertThat(ranks).containsOnlyKeys(asked.stream().filter(id -> !id.equals("never-sold")).collect(Collectors.toSet()));
            assertThat(ranks.get(expected.get(0).id())).isEqualTo(1);
            assertThat(ranks.get(expected.get(7).id())).isEqualTo(8);
            assertThat(ranks.get(expected.get(expected.size() - 1).id())).isEqualTo(expected.size());
        }
    }

    @Test
    void fewerThanAskedAreAllThereIs() {
        Chart chart = new Chart(ChartRef.store(Dimension.TAG), false);
        chart.add("b", "b", Period.LAST_HOUR, 2, BigDecimal.ONE);
        chart.add("a", "a", Period.LAST_HOUR, 2, BigDecimal.ONE);
        chart.add("c", "c", Period.LAST_HOUR, 3, BigDecimal.ONE);
        chart.add("d", "d", Period.LAST_HOUR, 1, BigDecimal.ONE);
        chart.add("d", "d", Period.LAST_HOUR, -1, BigDecimal.ONE.negate());
        assertThat(chart.top(Period.LAST_HOUR, 20)).extracting(Chart.Ranked::id).containsExactly("c", "a", "b");
        assertThat(chart.top(Period.HOUR_BEFORE, 20)).isEmpty();
    }
}
