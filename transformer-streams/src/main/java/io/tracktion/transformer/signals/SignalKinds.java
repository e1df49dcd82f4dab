package io.tracktion.transformer.signals;

import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.Signal;
import io.tracktion.transformer.delta.EntityRef;
import io.tracktion.transformer.parse.SaleTimes;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The kinds of {@link Signal}, and the start of each with its deterministic id. */
public final class SignalKinds {

    public static final String FIRST_SALE = "first_sale";
    public static final String NEW_COUNTRY = "new_country";
    public static final String MILESTONE = "milestone";
    public static final String SPIKE = "spike";
    public static final String CHART_ENTRY = "chart_entry";

    private SignalKinds() {
    }

    /**
     * A signal about {@code entity}; its id depends only on the kind, the entity and {@code discriminator} (the
     * step, the country, the episode's start, the chart and entry time), never on when it was computed.
     */
    public static Signal.Builder signal(String kind, EntityRef entity, String discriminator, long atMicros, String saleId) {
        return Signal.newBuilder()
                .setId(EntityIds.signal(kind, entity.dimension().id(), entity.id(), discriminator))
                .setKind(kind)
                .setDimension(entity.dimension().id())
                .setEntityId(entity.id())
                .setEntityName(entity.name())
                .setAt(SaleTimes.ofMicros(atMicros))
                .setSaleId(saleId);
    }

    /** Scale 4, as the schema's decimals. */
    public static BigDecimal decimal(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal decimal(double value) {
        return decimal(BigDecimal.valueOf(value));
    }
}
