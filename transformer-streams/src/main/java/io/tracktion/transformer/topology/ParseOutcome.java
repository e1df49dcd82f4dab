package io.tracktion.transformer.topology;

import io.tracktion.schemas.Sale;

/**
 * What became of one raw record: a parsed {@link Sale}, or the original key and value bytes bound for
 * the dead-letter topic (the reason travels in the record's headers). Exactly one of the two is set.
 */
record ParseOutcome(Sale sale, byte[] rejectedKey, byte[] rejectedValue) {

    static ParseOutcome parsed(Sale sale) {
        return new ParseOutcome(sale, null, null);
    }

    static ParseOutcome rejected(byte[] key, byte[] value) {
        return new ParseOutcome(null, key, value);
    }

    boolean isParsed() {
        return sale != null;
    }
}
