package io.tracktion.registry;

import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SaleItemType;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SingleObjectSerde;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Sales per second through Apicurio's serde (Confluent wire format, ids cached after the first lookup) beside
 * Avro's single-object encoding, which needs no registry: is the maintained serde fast enough, or is there a
 * reason to write the framing by hand? Not a test: run it by hand from schema-registry,
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) io.tracktion.registry.SerdeBenchmark [records [rounds]]
 * </pre>
 */
public final class SerdeBenchmark {

    private static final String TOPIC = "tracktion.sales";

    private SerdeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Sale> sales = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            sales.add(sale(i));
        }
        try (LocalRegistry registry = LocalRegistry.start()) {
            SchemaRegistryConfig config = new SchemaRegistryConfig(registry.url());
            new SchemaRegistrar(config.confluentApi()).registerAll();
            RegistryAvroSerde<Sale> wire = RegistryAvroSerde.sale(config);
            SingleObjectSerde<Sale> singleObject = SingleObjectSerde.sale();
            for (int round = 1; round <= rounds; round++) {
                String label = round == 1 ? " (warm-up)" : "";
                measure("wire format, encode" + label, sales, sale -> wire.serialize(TOPIC, sale));
                List<byte[]> wireBytes = sales.stream().map(sale -> wire.serialize(TOPIC, sale)).toList();
                measure("wire format, decode" + label, wireBytes, bytes -> wire.deserialize(TOPIC, bytes));
                measure("single-object, encode" + label, sales, singleObject::encode);
                List<byte[]> oldBytes = sales.stream().map(singleObject::encode).toList();
                measure("single-object, decode" + label, oldBytes, singleObject::decode);
                if (round == rounds) {
                    System.out.printf(Locale.ROOT, "bytes per record: wire format %.1f, single-object %.1f%n",
                            wireBytes.stream().mapToInt(b -> b.length).average().orElse(0),
                            oldBytes.stream().mapToInt(b -> b.length).average().orElse(0));
                }
            }
        }
    }

    private static <T> void measure(String what, List<T> inputs, Function<T, Object> work) {
        long start = System.nanoTime();
        int sink = 0;
        for (T input : inputs) {
            sink += work.apply(input).hashCode() & 1;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-36s %,10.0f records/s (%d)%n", what, inputs.size() / seconds, sink);
    }

    private static Sale sale(int i) {
        return Sale.newBuilder()
                .setSaleId(String.format(Locale.ROOT, "%032x", i)).setEventId("cart-" + (i / 2))
                .setSoldAt(Instant.parse("2026-11-24T10:00:00.123456Z").plusMillis(i))
                .setArtist("Velvet Orrery").setArtistUrl("https://velvetorrery.bandcamp.com")
                .setItemType(SaleItemType.ALBUM).setTitle("Paper Comet " + i)
                .setUrl("https://velvetorrery.bandcamp.com/album/paper-comet")
                .setCurrency("EUR").setAmountPaid(new BigDecimal("7.0000")).setListPrice(new BigDecimal("7.0000"))
                .setAmountPaidUsd(new BigDecimal("7.5800")).setPayWhatYouWant(false)
                .setCountry("Germany").setCountryCode("DE")
                .setRawItemJson("{\"artist_name\":\"Velvet Orrery\",\"amount_paid\":7,\"currency\":\"EUR\"}")
                .build();
    }
}
