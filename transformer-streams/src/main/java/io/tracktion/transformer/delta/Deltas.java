package io.tracktion.transformer.delta;

import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SaleAttribution;
import io.tracktion.schemas.SaleItemType;
import io.tracktion.transformer.enrich.Attributions;
import io.tracktion.transformer.parse.SaleTimes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;

/**
 * Turns an enriched sale into what it contributes to each entity and chart, split by the analytics partition
 * each belongs to (pure functions).
 *
 * <p>Why split here: a sale counts for a dozen entities (artist, release, label, genre, every tag, country, kind,
 * the store) and a dozen charts. One record per entity through the repartition topic would be a dozen records per
 * sale; one record per partition, holding that partition's contributions, is at most {@code partitions}. An
 * entity's partition depends only on its key, so everything about it is always kept by the same task.
 *
 * <p>Revision 0 adds the sale to its entities. A re-attribution (revision 1 and later) takes it from the entities of
 * the previous attribution that it no longer counts for and adds it to the new ones: store, country and kind do not
 * change, so they are not touched.
 */
public final class Deltas {

    private static final int USD_SCALE = 4;

    private Deltas() {
    }

    /** The partition of everything kept under {@code key} (an {@link EntityRef#key()} or {@link ChartRef#key()}). */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The deltas of one enriched sale, by partition; partitions with nothing to do are absent. */
    public static Map<Integer, SaleDelta> split(EnrichedSale enriched, int partitions) {
        Sale sale = enriched.getSale();
        List<SaleDelta.Contribution> entities = new ArrayList<>();
        List<SaleDelta.ChartContribution> charts = new ArrayList<>();
        if (enriched.getRevision() == 0 || enriched.getPrevious() == null) {
            entities(sale, enriched.getAttribution()).forEach(e -> entities.add(new SaleDelta.Contribution(e, 1)));
            charts(sale, enriched.getAttribution()).forEach(c -> charts.add(c.withSign(1)));
        } else {
            List<EntityRef> before = entities(sale, enriched.getPrevious());
            List<EntityRef> after = entities(sale, enriched.getAttribution());
            before.stream().filter(e -> after.stream().noneMatch(e::sameEntity))
                    .forEach(e -> entities.add(new SaleDelta.Contribution(e, -1)));
            after.stream().filter(e -> before.stream().noneMatch(e::sameEntity))
                    .forEach(e -> entities.add(new SaleDelta.Contribution(e, 1)));
            List<ChartedEntity> chartsBefore = charts(sale, enriched.getPrevious());
            List<ChartedEntity> chartsAfter = charts(sale, enriched.getAttribution());
            chartsBefore.stream().filter(c -> chartsAfter.stream().noneMatch(c::same)).forEach(c -> charts.add(c.withSign(-1)));
            chartsAfter.stream().filter(c -> chartsBefore.stream().noneMatch(c::same)).forEach(c -> charts.add(c.withSign(1)));
        }
        Map<Integer, List<SaleDelta.Contribution>> entitiesByPartition = new TreeMap<>();
        for (SaleDelta.Contribution c : entities) {
            entitiesByPartition.computeIfAbsent(partitionOf(c.entity().key(), partitions), p -> new ArrayList<>()).add(c);
        }
        Map<Integer, List<SaleDelta.ChartContribution>> chartsByPartition = new TreeMap<>();
        for (SaleDelta.ChartContribution c : charts) {
            chartsByPartition.computeIfAbsent(partitionOf(c.chart().key(), partitions), p -> new ArrayList<>()).add(c);
        }
        Set<Integer> used = new LinkedHashSet<>(entitiesByPartition.keySet());
        used.addAll(chartsByPartition.keySet());
        Map<Integer, SaleDelta> deltas = new TreeMap<>();
        for (int partition : used) {
            deltas.put(partition, new SaleDelta(sale.getSaleId(), SaleTimes.micros(sale.getSoldAt()), sale.getEventId(),
                    sale.getCurrency(),
                    sale.getAmountPaid(), sale.getAmountPaidUsd(), sale.getPayWhatYouWant(), overpayUsd(sale),
                    countryOf(sale), entitiesByPartition.getOrDefault(partition, List.of()),
                    chartsByPartition.getOrDefault(partition, List.of())));
        }
        return deltas;
    }

    /** The entities one sale counts for under an attribution, one or more per dimension (none for a missing label). */
    public static List<EntityRef> entities(Sale sale, SaleAttribution attribution) {
        List<EntityRef> entities = new ArrayList<>();
        entities.add(new EntityRef(Dimension.STORE, Dimension.WHOLE_STORE, "Bandcamp"));
        String country = countryOf(sale);
        entities.add(new EntityRef(Dimension.COUNTRY, country,
                sale.getCountry() == null || country.equals(Dimension.UNKNOWN) ? country : sale.getCountry()));
        String kind = kindOf(sale.getItemType());
        entities.add(new EntityRef(Dimension.KIND, kind, kind));
        entities.add(release(sale, attribution));
        if (!isKnown(attribution)) {
            for (Dimension dimension : List.of(Dimension.ARTIST, Dimension.LABEL, Dimension.GENRE, Dimension.TAG)) {
                entities.add(unknown(dimension));
            }
            return entities;
        }
        entities.add(attribution.getArtistId() == null ? unknown(Dimension.ARTIST)
                : new EntityRef(Dimension.ARTIST, attribution.getArtistId(), nameOr(attribution.getArtistName(), sale.getArtist())));
        if (attribution.getLabelId() != null) {
            entities.add(new EntityRef(Dimension.LABEL, attribution.getLabelId(),
                    nameOr(attribution.getLabelName(), attribution.getLabelId())));
        }
        if (attribution.getGenre() != null) {
            entities.add(new EntityRef(Dimension.GENRE, attribution.getGenre(), attribution.getGenre()));
        }
        for (String tag : new LinkedHashSet<>(attribution.getTags())) {
            entities.add(new EntityRef(Dimension.TAG, tag, tag));
        }
        return entities;
    }

    /** A chart an entity ranks in, before the sign is known. */
    record ChartedEntity(ChartRef chart, EntityRef entity) {
        SaleDelta.ChartContribution withSign(int sign) {
            return new SaleDelta.ChartContribution(chart, entity, sign);
        }

        boolean same(ChartedEntity other) {
            return chart.equals(other.chart) && entity.sameEntity(other.entity);
        }
    }

    /**
     * The charts a sale counts in: artists, releases, labels, genres and tags of the whole store, and artists and
     * releases within the release's genre. Nothing unknown ranks.
     */
    static List<ChartedEntity> charts(Sale sale, SaleAttribution attribution) {
        List<ChartedEntity> charts = new ArrayList<>();
        EntityRef release = release(sale, attribution);
        if (!release.isUnknown()) {
            charts.add(new ChartedEntity(ChartRef.store(Dimension.RELEASE), release));
        }
        if (!isKnown(attribution)) {
            return charts;
        }
        String genre = attribution.getGenre();
        if (!release.isUnknown() && genre != null) {
            charts.add(new ChartedEntity(ChartRef.genre(Dimension.RELEASE, genre), release));
        }
        if (attribution.getArtistId() != null) {
            EntityRef artist = new EntityRef(Dimension.ARTIST, attribution.getArtistId(),
                    nameOr(attribution.getArtistName(), sale.getArtist()));
            charts.add(new ChartedEntity(ChartRef.store(Dimension.ARTIST), artist));
            if (genre != null) {
                charts.add(new ChartedEntity(ChartRef.genre(Dimension.ARTIST, genre), artist));
            }
        }
        if (attribution.getLabelId() != null) {
            charts.add(new ChartedEntity(ChartRef.store(Dimension.LABEL), new EntityRef(Dimension.LABEL,
                    attribution.getLabelId(), nameOr(attribution.getLabelName(), attribution.getLabelId()))));
        }
        if (genre != null) {
            charts.add(new ChartedEntity(ChartRef.store(Dimension.GENRE), new EntityRef(Dimension.GENRE, genre, genre)));
        }
        for (String tag : new LinkedHashSet<>(attribution.getTags())) {
            charts.add(new ChartedEntity(ChartRef.store(Dimension.TAG), new EntityRef(Dimension.TAG, tag, tag)));
        }
        return charts;
    }

    /** Paid above a non-zero list price, converted to USD at the sale's own rate (amountPaidUsd / amountPaid). */
    static BigDecimal overpayUsd(Sale sale) {
        BigDecimal overpaid = sale.getOverpaid();
        BigDecimal paid = sale.getAmountPaid();
        if (overpaid == null || overpaid.signum() <= 0 || paid.signum() == 0) {
            return BigDecimal.ZERO.setScale(USD_SCALE);
        }
        return overpaid.multiply(sale.getAmountPaidUsd()).divide(paid, USD_SCALE, RoundingMode.HALF_EVEN);
    }

    static String countryOf(Sale sale) {
        String code = sale.getCountryCode();
        return code == null || code.isBlank() ? Dimension.UNKNOWN : code.strip().toUpperCase(Locale.ROOT);
    }

    static String kindOf(SaleItemType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static EntityRef release(Sale sale, SaleAttribution attribution) {
        String id = attribution.getReleaseId();
        if (id == null) {
            return unknown(Dimension.RELEASE);
        }
        String name = Optional.ofNullable(attribution.getReleaseTitle()).orElse(sale.getTitle());
        return new EntityRef(Dimension.RELEASE, id, name);
    }

    private static boolean isKnown(SaleAttribution attribution) {
        return Attributions.KNOWN.equals(attribution.getStatus());
    }

    private static EntityRef unknown(Dimension dimension) {
        return new EntityRef(dimension, Dimension.UNKNOWN, Dimension.UNKNOWN);
    }

    private static String nameOr(String name, String fallback) {
        return name == null || name.isBlank() ? fallback : name;
    }
}
