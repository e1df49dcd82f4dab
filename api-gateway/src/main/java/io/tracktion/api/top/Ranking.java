package io.tracktion.api.top;

import io.micronaut.core.annotation.Nullable;
import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code by} ranks a top list on; ties fall to the other measure, then to the name, then to the id. */
public enum Ranking {
    REVENUE("revenue_usd", "revenue_usd DESC, units DESC"),
    UNITS("units", "units DESC, revenue_usd DESC");

    /** The column ranked on, and the ORDER BY of the query: fixed SQL, never built from the client's text. */
    final String measure;
    final String orderBy;

    Ranking(String measure, String orderBy) {
        this.measure = measure;
        this.orderBy = orderBy;
    }

    /** The entry's value of {@link #measure}. */
    BigDecimal valueOf(TopEntry entry) {
        return this == REVENUE ? entry.revenueUsd() : BigDecimal.valueOf(entry.units());
    }

    /** Parameter {@code by}: {@code revenue} (the default when absent) or {@code units}. */
    public static Ranking fromParameter(@Nullable String by) {
        String value = Params.optional(by);
        if (value == null) {
            return REVENUE;
        }
        for (Ranking ranking : values()) {
            if (ranking.name().equalsIgnoreCase(value.trim())) {
                return ranking;
            }
        }
        String allowed = Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" or "));
        throw new InvalidParameterException("by", "must be " + allowed + ", got " + Params.quoted(value));
    }
}
