package io.tracktion.simulator.sales;

/** Identity of a generated item: its cart (epoch minute + position in that minute) and its place in the cart. */
public record ItemKey(long epochMinute, int cartIndex, int itemIndex) {

    public CartKey cart() {
        return new CartKey(epochMinute, cartIndex);
    }

    /** Identity of a generated cart. */
    public record CartKey(long epochMinute, int cartIndex) {
    }
}
