package io.tracktion.transformer.delta;

/** One entity of one dimension: the unit that windows, histories and charts are kept for. */
public record EntityRef(Dimension dimension, String id, String name) {

    /** {@code dimension|id}: the key of everything kept per entity, and what its partition is chosen by. */
    public String key() {
        return dimension.id() + "|" + id;
    }

    public boolean isUnknown() {
        return Dimension.UNKNOWN.equals(id);
    }

    /** Same entity, whatever name it was seen under. */
    public boolean sameEntity(EntityRef other) {
        return dimension == other.dimension && id.equals(other.id);
    }
}
