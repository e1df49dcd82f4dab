package io.tracktion.transformer.signals;

import io.tracktion.schemas.Signal;
import io.tracktion.transformer.delta.Dimension;
import io.tracktion.transformer.delta.EntityRef;
import io.tracktion.transformer.delta.SaleDelta;
import io.tracktion.transformer.topology.StoreNames;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The signals about one entity's own history, in event order per entity:
 * <ul>
 *   <li>{@code first_sale}: the first sale Tracktion sees for an artist, release or label;</li>
 *   <li>{@code new_country}: an artist sells to a buyer country for the first time, after its first sale;</li>
 *   <li>{@code milestone}: cumulative units of an artist, release or label reach 10, 100, 1,000, 10,000, or its
 *       USD revenue 100, 1,000, 10,000, 100,000; each step once, for ever (the steps reached are kept, so a
 *       refund and a new sale do not cross it twice);</li>
 *   <li>{@code spike}: see {@link SpikeRules}; artists, releases, labels and tags.</li>
 * </ul>
 * The unknown entity never signals. Ids are deterministic, so a replay writes the same signals again.
 */
public final class EntitySignalsProcessor implements Processor<String, SaleDelta, String, Signal> {

    static final List<Long> UNIT_STEPS = List.of(10L, 100L, 1_000L, 10_000L);
    static final List<BigDecimal> REVENUE_STEPS = List.of(new BigDecimal("100"), new BigDecimal("1000"),
            new BigDecimal("10000"), new BigDecimal("100000"));

    private static final Set<Dimension> CUMULATIVE = EnumSet.of(Dimension.ARTIST, Dimension.RELEASE, Dimension.LABEL);
    private static final Set<Dimension> SPIKING = EnumSet.of(Dimension.ARTIST, Dimension.RELEASE, Dimension.LABEL,
            Dimension.TAG);

    private final SpikeRules spikeRules;
    private ProcessorContext<String, Signal> context;
    private KeyValueStore<String, EntityHistory> histories;

    public EntitySignalsProcessor(SpikeRules spikeRules) {
        this.spikeRules = spikeRules;
    }

    /** How {@link StoreNames#ENTITY_HISTORY} keeps an entity's history. */
    public static org.apache.kafka.common.serialization.Serde<?> storeSerde() {
        return EntityHistory.SERDE;
    }

    @Override
    public void init(ProcessorContext<String, Signal> context) {
        this.context = context;
        this.histories = context.getStateStore(StoreNames.ENTITY_HISTORY);
    }

    @Override
    public void process(Record<String, SaleDelta> record) {
        SaleDelta sale = record.value();
        for (SaleDelta.Contribution contribution : sale.entities()) {
            EntityRef entity = contribution.entity();
            if (entity.isUnknown() || !SPIKING.contains(entity.dimension())) {
                continue;
            }
            EntityHistory history = histories.get(entity.key());
            if (history == null) {
                history = new EntityHistory();
            }
            int sign = contribution.sign();
            if (CUMULATIVE.contains(entity.dimension())) {
                firstSale(entity, history, sale, sign);
                if (entity.dimension() == Dimension.ARTIST) {
                    newCountry(entity, history, sale, sign);
                }
                milestones(entity, history, sale, sign);
            }
            spike(entity, history, sale, sign);
            histories.put(entity.key(), history);
        }
    }

    private void firstSale(EntityRef entity, EntityHistory history, SaleDelta sale, int sign) {
        if (sign > 0 && !history.firstSaleSignalled) {
            history.firstSaleSignalled = true;
            emit(SignalKinds.signal(SignalKinds.FIRST_SALE, entity, "", sale.soldAtMicros(), sale.saleId())
                    .setObserved(SignalKinds.decimal(sale.amountUsd()))
                    .setMetric("revenueUsd")
                    .setCountry(known(sale.countryCode())), sale);
        }
    }

    private void newCountry(EntityRef entity, EntityHistory history, SaleDelta sale, int sign) {
        String country = known(sale.countryCode());
        if (sign <= 0 || country == null) {
            return;
        }
        boolean first = history.countries.isEmpty();
        if (history.countries.add(country) && !first) {
            emit(SignalKinds.signal(SignalKinds.NEW_COUNTRY, entity, country, sale.soldAtMicros(), sale.saleId())
                    .setCountry(country)
                    .setObserved(SignalKinds.decimal(BigDecimal.valueOf(history.countries.size())))
                    .setMetric("countries"), sale);
        }
    }

    private void milestones(EntityRef entity, EntityHistory history, SaleDelta sale, int sign) {
        history.units += sign;
        history.revenueUsd = history.revenueUsd.add(sale.amountUsd().multiply(BigDecimal.valueOf(sign)));
        while (history.unitStepsReached < UNIT_STEPS.size()
                && history.units >= UNIT_STEPS.get(history.unitStepsReached)) {
            long step = UNIT_STEPS.get(history.unitStepsReached++);
            emit(SignalKinds.signal(SignalKinds.MILESTONE, entity, "units:" + step, sale.soldAtMicros(), sale.saleId())
                    .setMetric("units")
                    .setThreshold(SignalKinds.decimal(BigDecimal.valueOf(step)))
                    .setObserved(SignalKinds.decimal(BigDecimal.valueOf(history.units))), sale);
        }
        while (history.revenueStepsReached < REVENUE_STEPS.size()
                && history.revenueUsd.compareTo(REVENUE_STEPS.get(history.revenueStepsReached)) >= 0) {
            BigDecimal step = REVENUE_STEPS.get(history.revenueStepsReached++);
            emit(SignalKinds.signal(SignalKinds.MILESTONE, entity, "revenueUsd:" + step.toPlainString(),
                            sale.soldAtMicros(), sale.saleId())
                    .setMetric("revenueUsd")
                    .setThreshold(SignalKinds.decimal(step))
                    .setObserved(SignalKinds.decimal(history.revenueUsd)), sale);
        }
    }

    private void spike(EntityRef entity, EntityHistory history, SaleDelta sale, int sign) {
        long time = sale.soldAtMillis();
        history.spikes.add(time, sign, spikeRules);
        if (sign <= 0) {
            return;
        }
        SpikeDetector.Evaluation last = history.spikes.evaluate(spikeRules);
        if (last.fires()) {
            // The episode is named by the sale that tipped it: unique, and the same again when the same sales are
            // replayed in the same order.
            emit(SignalKinds.signal(SignalKinds.SPIKE, entity, sale.saleId(), sale.soldAtMicros(), sale.saleId())
                    .setMetric("units")
                    .setWindow("1h")
                    .setObserved(SignalKinds.decimal(BigDecimal.valueOf(last.observed())))
                    .setExpected(SignalKinds.decimal(last.expected()))
                    .setProbability(last.probability())
                    .setThreshold(SignalKinds.decimal(spikeRules.probability())), sale);
        }
    }

    private void emit(Signal.Builder signal, SaleDelta sale) {
        Signal built = signal.build();
        context.forward(new Record<>(built.getId(), built, context.currentSystemTimeMs()));
    }

    private static String known(String country) {
        return country == null || Dimension.UNKNOWN.equals(country) ? null : country;
    }
}
