package io.tracktion.alerts.matching;

import io.tracktion.alerts.delivery.NewAlert;
import io.tracktion.alerts.subscriptions.Kinds;
import io.tracktion.alerts.subscriptions.Subscription;
import io.tracktion.schemas.EnrichedSale;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SaleAttribution;
import io.tracktion.schemas.Signal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which subscriptions want a signal or a sale, and what their alert says (pure). A subscription wants what was
 * published after it was confirmed (the record's timestamp, when the transformer wrote it), so a replay of older
 * records never alerts a newer subscription.
 */
public final class AlertMatcher {

    /** A subscription and what to tell it. */
    public record Match(Subscription subscription, NewAlert alert) {
    }

    private AlertMatcher() {
    }

    /** The {@code dimension|id} keys and buyer country a signal can match subscriptions by. */
    public static Set<String> keys(Signal signal) {
        return Set.of(signal.getDimension() + "|" + signal.getEntityId());
    }

    /** The {@code dimension|id} keys a sale counts for: release, artist, label, genre, tags. */
    public static Set<String> keys(EnrichedSale sale) {
        SaleAttribution a = sale.getAttribution();
        Set<String> keys = new java.util.LinkedHashSet<>();
        add(keys, "release", a.getReleaseId());
        add(keys, "artist", a.getArtistId());
        add(keys, "label", a.getLabelId());
        add(keys, "genre", a.getGenre());
        a.getTags().forEach(tag -> add(keys, "tag", tag));
        return keys;
    }

    public static String country(EnrichedSale sale) {
        String code = sale.getSale().getCountryCode();
        return code == null || code.isBlank() ? null : code.strip().toUpperCase(Locale.ROOT);
    }

    public static List<Match> matches(Signal signal, long publishedAtMillis, List<Subscription> candidates) {
        List<Match> matches = new ArrayList<>();
        for (Subscription s : candidates) {
            if (!wants(s, signal.getKind(), publishedAtMillis)) {
                continue;
            }
            boolean about = switch (s.dimension()) {
                case "store" -> true;
                case "country" -> s.entityId().equals(signal.getCountry());
                default -> s.dimension().equals(signal.getDimension()) && s.entityId().equals(signal.getEntityId());
            };
            if (about) {
                matches.add(new Match(s, new NewAlert(signal.getId(), signal.getKind(), signal.getAt(), payload(signal))));
            }
        }
        return matches;
    }

    public static List<Match> matches(EnrichedSale enriched, long publishedAtMillis, List<Subscription> candidates) {
        Set<String> keys = keys(enriched);
        String country = country(enriched);
        List<Match> matches = new ArrayList<>();
        for (Subscription s : candidates) {
            if (!wants(s, Kinds.SALE, publishedAtMillis)) {
                continue;
            }
            boolean about = switch (s.dimension()) {
                case "store" -> true;
                case "country" -> s.entityId().equals(country);
                default -> keys.contains(s.dimension() + "|" + s.entityId());
            };
            if (about) {
                Sale sale = enriched.getSale();
                matches.add(new Match(s, new NewAlert("sale:" + sale.getSaleId(), Kinds.SALE, sale.getSoldAt(),
                        payload(enriched, s, country))));
            }
        }
        return matches;
    }

    private static boolean wants(Subscription s, String kind, long publishedAtMillis) {
        return s.isActive() && s.kinds().contains(kind) && s.confirmedAt() != null
                && publishedAtMillis >= s.confirmedAt().toEpochMilli();
    }

    static Map<String, Object> payload(Signal signal) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", signal.getKind());
        p.put("dimension", signal.getDimension());
        p.put("entityId", signal.getEntityId());
        p.put("entityName", signal.getEntityName());
        p.put("at", signal.getAt().toString());
        putDecimal(p, "observed", signal.getObserved());
        putDecimal(p, "expected", signal.getExpected());
        put(p, "probability", signal.getProbability());
        putDecimal(p, "threshold", signal.getThreshold());
        put(p, "metric", signal.getMetric());
        put(p, "window", signal.getWindow());
        put(p, "scope", signal.getScope());
        put(p, "rank", signal.getRank());
        put(p, "country", signal.getCountry());
        put(p, "saleId", signal.getSaleId());
        return p;
    }

    static Map<String, Object> payload(EnrichedSale enriched, Subscription s, String country) {
        Sale sale = enriched.getSale();
        SaleAttribution a = enriched.getAttribution();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", Kinds.SALE);
        p.put("dimension", s.dimension());
        p.put("entityId", s.entityId());
        p.put("entityName", switch (s.dimension()) {
            case "artist" -> a.getArtistName() != null ? a.getArtistName() : sale.getArtist();
            case "release" -> a.getReleaseTitle() != null ? a.getReleaseTitle() : sale.getTitle();
            case "label" -> a.getLabelName() != null ? a.getLabelName() : s.entityId();
            case "store" -> sale.getArtist();
            default -> s.entityId();
        });
        p.put("at", sale.getSoldAt().toString());
        p.put("saleId", sale.getSaleId());
        p.put("title", sale.getTitle());
        put(p, "artist", a.getArtistName() != null ? a.getArtistName() : sale.getArtist());
        put(p, "itemType", sale.getItemType() == null ? null : sale.getItemType().name().toLowerCase(Locale.ROOT));
        p.put("amount", sale.getAmountPaid().toPlainString());
        p.put("currency", sale.getCurrency());
        putDecimal(p, "amountUsd", sale.getAmountPaidUsd());
        put(p, "country", country);
        put(p, "releaseUrl", a.getReleaseUrl());
        return p;
    }

    private static void add(Set<String> keys, String dimension, String id) {
        if (id != null && !id.isBlank()) {
            keys.add(dimension + "|" + id);
        }
    }

    private static void put(Map<String, Object> payload, String key, Object value) {
        if (value != null) {
            payload.put(key, value instanceof CharSequence ? value.toString() : value);
        }
    }

    private static void putDecimal(Map<String, Object> payload, String key, BigDecimal value) {
        if (value != null) {
            payload.put(key, value.toPlainString()); // exact, as text: JSON numbers may be read as doubles
        }
    }
}
