package io.tracktion.transformer.delta;

/** What sales are summed by. The {@link #id()} is the name in topics, keys and the API. */
public enum Dimension {
    ARTIST("artist"),
    RELEASE("release"),
    LABEL("label"),
    GENRE("genre"),
    TAG("tag"),
    COUNTRY("country"),
    KIND("kind"),
    STORE("store");

    /** The entity of sales whose release, or whose buyer's country, is not known. */
    public static final String UNKNOWN = "unknown";
    /** The one entity of {@link #STORE}. */
    public static final String WHOLE_STORE = "all";

    private final String id;

    Dimension(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Dimension of(String id) {
        for (Dimension dimension : values()) {
            if (dimension.id.equals(id)) {
                return dimension;
            }
        }
        throw new IllegalArgumentException("No dimension " + id);
    }
}
