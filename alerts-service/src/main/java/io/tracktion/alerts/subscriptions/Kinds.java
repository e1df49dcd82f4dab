package io.tracktion.alerts.subscriptions;

import java.util.List;
import java.util.Set;

/** What a subscription can be alerted of: the signal kinds of tracktion.signals, and each sale. */
public final class Kinds {

    public static final String SALE = "sale";
    public static final String FIRST_SALE = "first_sale";
    public static final String NEW_COUNTRY = "new_country";
    public static final String MILESTONE = "milestone";
    public static final String SPIKE = "spike";
    public static final String CHART_ENTRY = "chart_entry";

    public static final Set<String> ALL = Set.of(SALE, FIRST_SALE, NEW_COUNTRY, MILESTONE, SPIKE, CHART_ENTRY);

    /** Without {@code kinds}: every signal, not each sale (which a busy artist would find a lot). */
    public static final List<String> DEFAULT = List.of(FIRST_SALE, NEW_COUNTRY, MILESTONE, SPIKE, CHART_ENTRY);

    private Kinds() {
    }
}
