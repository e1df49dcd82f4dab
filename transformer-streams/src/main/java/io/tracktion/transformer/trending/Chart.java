package io.tracktion.transformer.trending;

import io.tracktion.transformer.delta.ChartRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One chart in memory: every entity's totals and, per period, the entities that sold in it in rank order (units,
 * then revenue, then id). Rebuilt from the chart-totals store when a task starts; the store is the truth.
 */
final class Chart {

    /** An entity's place in one period's ranking; a snapshot, replaced whenever its totals change. */
    record Ranked(String id, long units, BigDecimal revenueUsd) {
    }

    static final Comparator<Ranked> RANK_ORDER = Comparator.comparingLong(Ranked::units).reversed()
            .thenComparing(Ranked::revenueUsd, Comparator.reverseOrder())
            .thenComparing(Ranked::id);

    final ChartRef ref;
    final Map<String, ChartTotals> totals = new HashMap<>();
    private final Map<Period, TreeSet<Ranked>> rankings = new EnumMap<>(Period.class);
    /** The entities whose {@link ChartTotals#entered} is set. */
    final Set<String> entered = new java.util.HashSet<>();
    boolean changed;

    Chart(ChartRef ref) {
        this.ref = ref;
        for (Period period : Period.values()) {
            rankings.put(period, new TreeSet<>(RANK_ORDER));
        }
    }

    /** Adds to an entity's totals in one period (a null name keeps the one it has). */
    void add(String id, String name, Period period, long units, BigDecimal revenueUsd) {
        ChartTotals t = totals.get(id);
        if (t == null) {
            t = new ChartTotals(name == null ? id : name);
            totals.put(id, t);
        } else if (name != null) {
            t.name = name;
        }
        rankings.get(period).remove(ranked(id, t, period));
        t.add(period, units, revenueUsd);
        if (t.units[period.ordinal()] > 0) {
            rankings.get(period).add(ranked(id, t, period));
        }
        changed = true;
    }

    /** The entity's totals, or null (and forgotten) once they are all zero. */
    ChartTotals settle(String id) {
        ChartTotals t = totals.get(id);
        if (t != null && t.isEmpty()) {
            totals.remove(id);
            return null;
        }
        return t;
    }

    /** Puts back an entity read from the store. */
    void restore(String id, ChartTotals t) {
        totals.put(id, t);
        if (t.entered) {
            entered.add(id);
        }
        for (Period period : Period.values()) {
            if (t.units[period.ordinal()] > 0) {
                rankings.get(period).add(ranked(id, t, period));
            }
        }
    }

    /** The first {@code n} of a period, in rank order. */
    List<Ranked> top(Period period, int n) {
        List<Ranked> top = new ArrayList<>(n);
        Iterator<Ranked> ranked = rankings.get(period).iterator();
        while (top.size() < n && ranked.hasNext()) {
            top.add(ranked.next());
        }
        return top;
    }

    /** The ranks (1-based) of the given ids in a period, for those that sold in it. */
    Map<String, Integer> ranksOf(Period period, Set<String> ids) {
        Map<String, Integer> ranks = new HashMap<>();
        int rank = 0;
        for (Ranked r : rankings.get(period)) {
            rank++;
            if (ids.contains(r.id())) {
                ranks.put(r.id(), rank);
                if (ranks.size() == ids.size()) {
                    break;
                }
            }
        }
        return ranks;
    }

    /** The ids of the top {@code n} of the last 24 hours, in rank order. */
    Set<String> topIds(int n) {
        Set<String> ids = new LinkedHashSet<>();
        top(Period.LAST_DAY, n).forEach(r -> ids.add(r.id()));
        return ids;
    }

    /** The ids of the top {@code n} of the last 24 hours with at least {@code minUnits}, in rank order. */
    Set<String> leaders(int n, long minUnits) {
        Set<String> leaders = new LinkedHashSet<>();
        for (Ranked r : top(Period.LAST_DAY, n)) {
            if (r.units() >= minUnits) {
                leaders.add(r.id());
            }
        }
        return leaders;
    }

    private static Ranked ranked(String id, ChartTotals t, Period period) {
        return new Ranked(id, t.units[period.ordinal()], t.revenueUsd[period.ordinal()]);
    }
}
