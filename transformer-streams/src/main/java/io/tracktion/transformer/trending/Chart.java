package io.tracktion.transformer.trending;

import io.tracktion.transformer.delta.ChartRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * One chart in memory: every entity's totals and, for charts that signal entries, the last 24 hours' entities in
 * rank order (units, then revenue, then id). Rebuilt from the chart-entries store when a task starts; the store is
 * the truth.
 *
 * <p>Why only that one ranking is kept sorted: a chart entry is decided after every sale and needs the top 10 at
 * once, while the rest is read only when a chart is written (a few times a second); keeping all four periods of
 * every chart sorted cost a tree update for each sale in each period.
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
    /** The last 24 hours in rank order, or null when this chart does not keep it. */
    private final TreeSet<Ranked> lastDay;
    /** The entities whose {@link ChartTotals#entered} is set. */
    final Set<String> entered = new HashSet<>();
    boolean changed;

    /** @param ranksLastDay keep the last 24 hours sorted, for chart entries */
    Chart(ChartRef ref, boolean ranksLastDay) {
        this.ref = ref;
        this.lastDay = ranksLastDay ? new TreeSet<>(RANK_ORDER) : null;
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
        boolean sorted = lastDay != null && period == Period.LAST_DAY;
        if (sorted) {
            lastDay.remove(ranked(id, t, period));
        }
        t.add(period, units, revenueUsd);
        if (sorted && t.units[period.ordinal()] > 0) {
            lastDay.add(ranked(id, t, period));
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
        if (lastDay != null && t.units[Period.LAST_DAY.ordinal()] > 0) {
            lastDay.add(ranked(id, t, Period.LAST_DAY));
        }
    }

    /** The first {@code n} of a period that sold in it, in rank order. */
    List<Ranked> top(Period period, int n) {
        List<Ranked> top = new ArrayList<>(n);
        if (lastDay != null && period == Period.LAST_DAY) {
            Iterator<Ranked> ranked = lastDay.iterator();
            while (top.size() < n && ranked.hasNext()) {
                top.add(ranked.next());
            }
            return top;
        }
        // The n best in a heap whose head is the worst of them.
        PriorityQueue<Ranked> best = new PriorityQueue<>(n + 1, RANK_ORDER.reversed());
        for (Map.Entry<String, ChartTotals> entry : totals.entrySet()) {
            if (entry.getValue().units[period.ordinal()] > 0) {
                best.add(ranked(entry.getKey(), entry.getValue(), period));
                if (best.size() > n) {
                    best.poll();
                }
            }
        }
        top.addAll(best);
        top.sort(RANK_ORDER);
        return top;
    }

    /** The ranks (1-based) of the given ids in a period, for those that sold in it. */
    Map<String, Integer> ranksOf(Period period, Set<String> ids) {
        List<Ranked> sold = new ArrayList<>();
        List<Ranked> wanted = new ArrayList<>();
        for (Map.Entry<String, ChartTotals> entry : totals.entrySet()) {
            if (entry.getValue().units[period.ordinal()] > 0) {
                Ranked r = ranked(entry.getKey(), entry.getValue(), period);
                sold.add(r);
                if (ids.contains(r.id())) {
                    wanted.add(r);
                }
            }
        }
        // A rank is one more than the entities ahead of it: one pass for the few ids asked about.
        int[] ahead = new int[wanted.size()];
        for (Ranked other : sold) {
            for (int i = 0; i < wanted.size(); i++) {
                if (RANK_ORDER.compare(other, wanted.get(i)) < 0) {
                    ahead[i]++;
                }
            }
        }
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            ranks.put(wanted.get(i).id(), ahead[i] + 1);
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
