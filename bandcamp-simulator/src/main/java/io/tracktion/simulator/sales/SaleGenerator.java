package io.tracktion.simulator.sales;

import io.tracktion.simulator.catalog.Artist;
import io.tracktion.simulator.catalog.Catalog;
import io.tracktion.simulator.random.SeededRandom;
import io.tracktion.simulator.random.WeightedChoice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The sales as a pure function of (seed, time): the carts of epoch minute m come from a random generator
 * seeded with (seed, m) and nothing else, so any window over any time range always holds the same carts,
 * however it overlaps earlier requests.
 */
public final class SaleGenerator {

    private static final long MICROS_PER_MINUTE = 60_000_000L;
    /** Cart sizes 1..4 and how often they occur: mostly single items. */
    private static final WeightedChoice<Integer> ITEMS_PER_CART =
            new WeightedChoice<>(List.of(1, 2, 3, 4), new double[] {0.78, 0.14, 0.06, 0.02});
    private static final double MEAN_ITEMS_PER_CART = 0.78 + 2 * 0.14 + 3 * 0.06 + 4 * 0.02;
    /** Minutes are cached, newest used kept, up to this many items in all (a few minutes at load-test rates). */
    private static final int CACHED_ITEMS = 20_000;

    private final long seed;
    private final Catalog catalog;
    private final double cartsPerMinute;
    private final LinkedHashMap<Long, List<Cart>> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedItems;

    /** @param salesPerMinute mean number of sold items per minute */
    public SaleGenerator(long seed, Catalog catalog, double salesPerMinute) {
        if (!(salesPerMinute >= 0) || Double.isInfinite(salesPerMinute)) {
            throw new IllegalArgumentException("salesPerMinute must be a finite number >= 0: " + salesPerMinute);
        }
        this.seed = seed;
        this.catalog = catalog;
        this.cartsPerMinute = salesPerMinute / MEAN_ITEMS_PER_CART;
    }

    /** The carts whose own utc_date lies in [startSecond, endSecond), oldest first. */
    public List<Cart> between(long startSecond, long endSecond) {
        List<Cart> carts = new ArrayList<>();
        if (endSecond <= startSecond) {
            return carts;
        }
        long fromMicros = startSecond * 1_000_000L;
        long toMicros = endSecond * 1_000_000L;
        for (long m = Math.floorDiv(startSecond, 60); m <= Math.floorDiv(endSecond - 1, 60); m++) {
            for (Cart cart : minute(m)) {
                if (cart.utcMicros() >= fromMicros && cart.utcMicros() < toMicros) {
                    carts.add(cart);
                }
            }
        }
        return carts;
    }

    /** All carts of one epoch minute, oldest first. */
    public List<Cart> minute(long epochMinute) {
        synchronized (cache) {
            List<Cart> cached = cache.get(epochMinute);
            if (cached != null) {
                return cached;
            }
        }
        List<Cart> carts = generate(epochMinute);
        synchronized (cache) {
            List<Cart> replaced = cache.put(epochMinute, carts);
            cachedItems += items(carts) - (replaced == null ? 0 : items(replaced));
            var eldest = cache.entrySet().iterator();
            while (cachedItems > CACHED_ITEMS && cache.size() > 1) {
                cachedItems -= items(eldest.next().getValue());
                eldest.remove();
            }
        }
        return carts;
    }

    private static long items(List<Cart> carts) {
        long items = 0;
        for (Cart cart : carts) {
            items += cart.items().size();
        }
        return items;
    }

    /**
     * Hands every cart of one epoch minute to {@code each}, oldest first: from the cache, or, for a minute too big
     * to cache (load-test rates), generated one cart at a time and kept nowhere.
     */
    public void eachCart(long epochMinute, Consumer<Cart> each) {
        List<Cart> cached;
        synchronized (cache) {
            cached = cache.get(epochMinute);
        }
        if (cached != null) {
            cached.forEach(each);
        } else if (cartsPerMinute * MEAN_ITEMS_PER_CART > CACHED_ITEMS) {
            generate(epochMinute, each);
        } else {
            minute(epochMinute).forEach(each);
        }
    }

    private List<Cart> generate(long epochMinute) {
        List<Cart> carts = new ArrayList<>();
        generate(epochMinute, carts::add);
        return List.copyOf(carts);
    }

    /** The same carts, in the same order, whether collected or streamed: one seeded random per minute. */
    private void generate(long epochMinute, Consumer<Cart> each) {
        SeededRandom random = SeededRandom.of(seed, epochMinute);
        int count = random.poisson(cartsPerMinute);
        // Distinct cart times, so a cart's utc_date is unique (carts have no other identity in the feed).
        TreeSet<Long> offsets = new TreeSet<>();
        while (offsets.size() < count) {
            offsets.add(random.between(0L, MICROS_PER_MINUTE));
        }
        Set<String> itemTimes = new HashSet<>();
        int index = 0;
        for (long offset : offsets) {
            each.accept(cart(random, new ItemKey.CartKey(epochMinute, index++), epochMinute * MICROS_PER_MINUTE + offset, itemTimes));
        }
    }

    private Cart cart(SeededRandom random, ItemKey.CartKey key, long cartMicros, Set<String> itemTimes) {
        int itemCount = ITEMS_PER_CART.pick(random);
        BuyerCountry buyer = BuyerCountry.random(random);
        Artist firstArtist = catalog.randomArtist(random);
        // Items are stamped a little after their cart, with sub-microsecond digits like Bandcamp's floats.
        long itemNanos = cartMicros * 1000 + random.between(80_000_000L, 250_000_000L) + random.nextInt(1000);
        List<SaleItem> items = new ArrayList<>(itemCount);
        for (int i = 0; i < itemCount; i++) {
            Artist artist = i == 0 || random.chance(0.7) ? firstArtist : catalog.randomArtist(random);
            Offer offer = OfferPicker.pick(artist, random);
            Payment payment = Payment.of(offer, artist.currency(), random);
            String utcDate = JsonNumbers.pythonFloat(itemNanos / 1e9);
            while (!itemTimes.add(utcDate)) { // two items at the same instant would look like one sale downstream
                itemNanos += 1000;
                utcDate = JsonNumbers.pythonFloat(itemNanos / 1e9);
            }
            items.add(new SaleItem(new ItemKey(key.epochMinute(), key.cartIndex(), i), utcDate, artist.name(),
                    offer.itemType(), offer.description(), offer.albumTitle(), offer.slugType(), artist.currency().name(),
                    payment.amountPaid(), payment.itemPrice(), payment.amountPaidUsd(), buyer.name(), offer.artId(),
                    offer.packageImageId(), offer.url(), buyer.code(), payment.amountPaidFmt(), payment.amountOverFmt(),
                    offer.artUrl(), offer.itemSlug()));
            itemNanos += random.between(1_000_000L, 15_000_000L);
        }
        return new Cart(key, cartMicros, JsonNumbers.pythonFloat(cartMicros / 1e6), List.copyOf(items));
    }
}
