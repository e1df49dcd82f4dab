package io.tracktion.transformer.delta;

/**
 * A chart an entity can rank in: a dimension within a scope, the whole store or one genre (for artists and
 * releases: the artists of a genre rank by their sales of that genre).
 */
public record ChartRef(Dimension dimension, String scope) {

    public static final String STORE_SCOPE = "store";

    public static ChartRef store(Dimension dimension) {
        return new ChartRef(dimension, STORE_SCOPE);
    }

    public static ChartRef genre(Dimension dimension, String genre) {
        return new ChartRef(dimension, "genre=" + genre);
    }

    /** {@code dimension|scope}: what the chart's partition is chosen by. */
    public String key() {
        return dimension.id() + "|" + scope;
    }
}
