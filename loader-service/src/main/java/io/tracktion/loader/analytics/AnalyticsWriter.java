package io.tracktion.loader.analytics;

import io.tracktion.schemas.CountryTotals;
import io.tracktion.schemas.CurrencyAmount;
import io.tracktion.schemas.Signal;
import io.tracktion.schemas.StatsWindow;
import io.tracktion.schemas.TrendingChart;
import io.tracktion.schemas.TrendingEntry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the transformer's results, in the caller's transaction: rollup windows into {@code stats_minute},
 * {@code stats_hour} and {@code stats_day}, signals into {@code signal}, charts into {@code trending_chart} and
 * {@code trending_entry}.
 *
 * <p>A window's or a chart's record is its whole latest state, and the records of one key are in one partition in
 * the order they were written: applied in offset order, the last one wins, and a replay ends where the live run
 * did. Signals never change: a signal's id written again is left as it is.
 */
public final class AnalyticsWriter {

    private static final String UPSERT_WINDOW = """
            INSERT INTO %s (dimension, entity_id, window_start, entity_name, units, revenue_usd, revenue_by_currency,
                            carts, pay_what_you_want_units, overpay_usd, final, version, last_sale_at, by_country)
            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (dimension, entity_id, window_start) DO UPDATE SET
                entity_name = excluded.entity_name, units = excluded.units, revenue_usd = excluded.revenue_usd,
                revenue_by_currency = excluded.revenue_by_currency, carts = excluded.carts,
                pay_what_you_want_units = excluded.pay_what_you_want_units, overpay_usd = excluded.overpay_usd,
                final = excluded.final, version = excluded.version, last_sale_at = excluded.last_sale_at,
                by_country = excluded.by_country, loaded_at = now()""";
    private static final String INSERT_SIGNAL = """
            INSERT INTO signal (id, kind, dimension, entity_id, entity_name, at, observed, expected, probability,
                                threshold, metric, "window", scope, rank, country, sale_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING""";
    private static final String UPSERT_CHART = """
            INSERT INTO trending_chart (dimension, "window", scope, as_of, period_start) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (dimension, "window", scope) DO UPDATE SET as_of = excluded.as_of,
                period_start = excluded.period_start""";
    private static final String DELETE_ENTRIES = """
            DELETE FROM trending_entry WHERE dimension = ? AND "window" = ? AND scope = ?""";
    private static final String INSERT_ENTRY = """
            INSERT INTO trending_entry (dimension, "window", scope, rank, previous_rank, entity_id, entity_name, units,
                                        revenue_usd)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Each interval's table, by the interval's id in the record. */
    private static final Map<String, String> TABLES = Map.of("minute", "stats_minute", "hour", "stats_hour",
            "day", "stats_day");

    /** Writes the windows, the batch's last record of each window only (one statement may not touch a row twice). */
    public void writeWindows(Connection connection, List<StatsWindow> windows) throws SQLException {
        Map<String, Map<String, StatsWindow>> byTable = new LinkedHashMap<>();
        for (StatsWindow window : windows) {
            String table = TABLES.get(window.getInterval());
            if (table == null) {
                throw new IllegalArgumentException("Unknown interval " + window.getInterval());
            }
            byTable.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(
                    window.getDimension() + "|" + window.getEntityId() + "|" + window.getWindowStart(), window);
        }
        for (Map.Entry<String, Map<String, StatsWindow>> table : byTable.entrySet()) {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_WINDOW.formatted(table.getKey()))) {
                for (StatsWindow w : table.getValue().values()) {
                    upsert.setString(1, w.getDimension());
                    upsert.setString(2, w.getEntityId());
                    upsert.setObject(3, timestamp(w.getWindowStart()), Types.TIMESTAMP_WITH_TIMEZONE);
                    upsert.setString(4, w.getEntityName());
                    upsert.setLong(5, w.getUnits());
                    upsert.setBigDecimal(6, w.getRevenueUsd());
                    upsert.setString(7, currencies(w.getRevenueByCurrency()));
                    upsert.setLong(8, w.getCarts());
                    upsert.setLong(9, w.getPayWhatYouWantUnits());
                    upsert.setBigDecimal(10, w.getOverpayUsd());
                    upsert.setBoolean(11, w.getFinal$());
                    upsert.setLong(12, w.getVersion());
                    upsert.setObject(13, timestamp(w.getLastSaleAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                    upsert.setString(14, countries(w.getByCountry()));
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        }
    }

    public void writeSignals(Connection connection, List<Signal> signals) throws SQLException {
        if (signals.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SIGNAL)) {
            for (Signal s : signals) {
                int i = 1;
                insert.setString(i++, s.getId());
                insert.setString(i++, s.getKind());
                insert.setString(i++, s.getDimension());
                insert.setString(i++, s.getEntityId());
                insert.setString(i++, s.getEntityName());
                insert.setObject(i++, timestamp(s.getAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setBigDecimal(i++, s.getObserved());
                insert.setBigDecimal(i++, s.getExpected());
                insert.setObject(i++, s.getProbability(), Types.DOUBLE);
                insert.setBigDecimal(i++, s.getThreshold());
                insert.setString(i++, s.getMetric());
                insert.setString(i++, s.getWindow());
                insert.setString(i++, s.getScope());
                insert.setObject(i++, s.getRank(), Types.INTEGER);
                insert.setString(i++, s.getCountry());
                insert.setString(i, s.getSaleId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Replaces each chart's entries with its latest record's. */
    public void writeCharts(Connection connection, List<TrendingChart> charts) throws SQLException {
        Map<String, TrendingChart> latest = new LinkedHashMap<>();
        for (TrendingChart chart : charts) {
            latest.put(chart.getDimension() + "|" + chart.getWindow() + "|" + chart.getScope(), chart);
        }
        if (latest.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_CHART);
             PreparedStatement delete = connection.prepareStatement(DELETE_ENTRIES);
             PreparedStatement insert = connection.prepareStatement(INSERT_ENTRY)) {
            for (TrendingChart c : latest.values()) {
                upsert.setString(1, c.getDimension());
                upsert.setString(2, c.getWindow());
                upsert.setString(3, c.getScope());
                upsert.setObject(4, timestamp(c.getAsOf()), Types.TIMESTAMP_WITH_TIMEZONE);
                upsert.setObject(5, timestamp(c.getPeriodStart()), Types.TIMESTAMP_WITH_TIMEZONE);
                upsert.addBatch();
                delete.setString(1, c.getDimension());
                delete.setString(2, c.getWindow());
                delete.setString(3, c.getScope());
                delete.addBatch();
                for (TrendingEntry e : c.getEntries()) {
                    insert.setString(1, c.getDimension());
                    insert.setString(2, c.getWindow());
                    insert.setString(3, c.getScope());
                    insert.setInt(4, e.getRank());
                    insert.setObject(5, e.getPreviousRank(), Types.INTEGER);
                    insert.setString(6, e.getEntityId());
                    insert.setString(7, e.getEntityName());
                    insert.setLong(8, e.getUnits());
                    insert.setBigDecimal(9, e.getRevenueUsd());
                    insert.addBatch();
                }
            }
            upsert.executeBatch();
            delete.executeBatch();
            insert.executeBatch();
        }
    }

    /** {"EUR": "12.0000", ...}: decimal strings, so no JSON reader turns money into a float. */
    static String currencies(List<CurrencyAmount> amounts) {
        return jsonObject(amounts, CurrencyAmount::getCurrency,
                amount -> "\"" + amount.getAmount().toPlainString() + "\"");
    }

    /** {"DE": {"units": 2, "revenue_usd": "13.6200", "carts": 1}, ...}: money as decimal strings, as above. */
    static String countries(List<CountryTotals> countries) {
        return jsonObject(countries, CountryTotals::getCountry, country -> "{\"units\": " + country.getUnits()
                + ", \"revenue_usd\": \"" + country.getRevenueUsd().toPlainString() + "\", \"carts\": "
                + country.getCarts() + "}");
    }

    /** A JSON object of one member per item; keys are codes, kept to letters and digits so none needs escaping. */
    private static <T> String jsonObject(List<T> items, Function<T, String> key, Function<T, String> value) {
        StringBuilder json = new StringBuilder("{");
        for (T item : items) {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(key.apply(item).replaceAll("[^A-Za-z0-9]", "")).append("\": ").append(value.apply(item));
        }
        return json.append('}').toString();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
