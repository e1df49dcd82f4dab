package io.tracktion.transformer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Distinct carts per window from one cart's items: changes by minute, hour and day, in that order. */
class CartItemsTest {

    static final long TEN = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;

    @Test
    void aCartCountsOncePerWindowHoweverManyItemsItHasThere() {
        CartItems cart = new CartItems();
        assertThat(cart.add("artist|a", TEN + 5_000, 1)).containsExactly(1, 1, 1);
        assertThat(cart.add("artist|a", TEN + 6_000, 1)).as("same minute").containsExactly(0, 0, 0);
        assertThat(cart.add("artist|a", TEN + 3 * MINUTE, 1)).as("another minute, same hour").containsExactly(1, 0, 0);
        assertThat(cart.add("artist|a", TEN + 61 * MINUTE, 1)).as("another hour, same day").containsExactly(1, 1, 0);
        assertThat(cart.add("tag|ambient", TEN + 5_000, 1)).as("another entity").containsExactly(1, 1, 1);
    }

    @Test
    void takingItemsAwayUncountsTheCartWhereItsLastItemGoes() {
        CartItems cart = new CartItems();
        cart.add("artist|a", TEN, 1);
        cart.add("artist|a", TEN, 1);
        cart.add("artist|a", TEN + 2 * MINUTE, 1);
        assertThat(cart.add("artist|a", TEN, -1)).as("one of two left in the minute").containsExactly(0, 0, 0);
        assertThat(cart.add("artist|a", TEN, -1)).as("minute empty, hour still holds one").containsExactly(-1, 0, 0);
        assertThat(cart.add("artist|a", TEN + 2 * MINUTE, -1)).as("nothing left").containsExactly(-1, -1, -1);
        assertThat(cart.isEmpty()).isTrue();
    }

    @Test
    void aRetractionBeforeItsSaleCountsTheWindowBackWhenTheSaleArrives() {
        CartItems cart = new CartItems();
        assertThat(cart.add("artist|unknown", TEN, -1)).containsExactly(0, 0, 0);
        assertThat(cart.add("artist|unknown", TEN, 1)).containsExactly(0, 0, 0);
        assertThat(cart.isEmpty()).isTrue();
    }

    @Test
    void survivesItsStoreEncoding() {
        CartItems cart = new CartItems();
        cart.add("artist|a", TEN, 1);
        cart.add("artist|a", TEN + 2 * MINUTE, 1);
        byte[] bytes = CartItems.SERDE.serializer().serialize("t", cart);
        CartItems read = CartItems.SERDE.deserializer().deserialize("t", bytes);
        assertThat(read.add("artist|a", TEN, -1)).containsExactly(-1, 0, 0);
        assertThat(read.add("artist|a", TEN + 2 * MINUTE, -1)).containsExactly(-1, -1, -1);
    }
}
