package io.tracktion.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SingleObjectSerdeTest {

    static Sale sale() {
        return Sale.newBuilder()
                .setSaleId("s1").setEventId("e1")
                .setSoldAt(Instant.parse("2025-06-15T15:01:01.530118Z"))
                .setArtist("星空テープクラブ 🌌").setItemType(SaleItemType.TRACK).setTitle("Paper Comet")
                .setCurrency("JPY").setAmountPaid(new BigDecimal("800.0000"))
                .setAmountPaidUsd(new BigDecimal("5.5400")).setPayWhatYouWant(false)
                .setRawItemJson("{}")
                .build();
    }

    @Test
    void roundTripsInSingleObjectEncoding() {
        SingleObjectSerde<Sale> serde = SingleObjectSerde.sale();
        byte[] bytes = serde.serialize("t", sale());
        assertArrayEquals(new byte[] {(byte) 0xC3, 0x01}, Arrays.copyOf(bytes, 2));
        Sale back = serde.deserialize("t", bytes);
        assertEquals(sale(), back);
        assertEquals(Instant.parse("2025-06-15T15:01:01.530118Z"), back.getSoldAt());
        assertEquals(new BigDecimal("800.0000"), back.getAmountPaid());
    }

    @Test
    void rejectsBytesThatAreNotARecord() {
        assertThrows(SerializationException.class, () -> SingleObjectSerde.sale().decode(new byte[] {1, 2, 3}));
        byte[] raw = SingleObjectSerde.rawSale().encode(RawSale.newBuilder().setSaleId("s").setEventId("e").setItemIndex(0)
                .setCartSize(1).setFeedBaseUrl("http://x").setFetchedAt(Instant.EPOCH).setItemJson("{}").build());
        // A RawSale is not a Sale: the fingerprint says so.
        assertThrows(SerializationException.class, () -> SingleObjectSerde.sale().decode(raw));
    }

    @Test
    void refusesMoneyWithTheWrongScale() {
        Sale bad = sale();
        bad.setAmountPaid(new BigDecimal("1.23456"));
        assertThrows(SerializationException.class, () -> SingleObjectSerde.sale().encode(bad));
    }
}
