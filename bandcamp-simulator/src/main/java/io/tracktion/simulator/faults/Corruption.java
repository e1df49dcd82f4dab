package io.tracktion.simulator.faults;

/** How one item of a window is damaged. */
public enum Corruption {
    /** {@code "amount_paid": "abc"}: a string where a number belongs. */
    AMOUNT_NOT_A_NUMBER,
    /** {@code "item_type": "z"}: a type no consumer knows. */
    UNKNOWN_ITEM_TYPE
}
