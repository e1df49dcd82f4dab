package io.tracktion.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracktion.schemas.FeedCursor;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SaleItemType;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.SchemaRegistryUnavailableException;
import io.tracktion.schemas.SingleObjectSerde;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The topics' serde against a real registry holding the released schemas. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistryAvroSerdeTest {

    private static final String SALES = "tracktion.sales";
    private static LocalRegistry registry;
    private static SchemaRegistryConfig config;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start();
        config = new SchemaRegistryConfig(registry.url());
        new SchemaRegistrar(config.confluentApi()).registerAll();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

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
    void writesTheConfluentWireFormatWithTheRegisteredIdAndReadsItBack() throws Exception {
        RegistryAvroSerde<Sale> serde = RegistryAvroSerde.sale(config);
        byte[] bytes = serde.serialize(SALES, sale());

        assertEquals(0, bytes[0], "magic byte");
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        int registered = new SchemaRegistrar(config.confluentApi()).registerAll().stream()
                .filter(r -> r.record().equals("Sale")).reduce((a, b) -> b).orElseThrow().id();
        assertEquals(registered, id, "the id of the newest released Sale");
        Sale back = RegistryAvroSerde.sale(config).deserialize(SALES, bytes); // a fresh serde: fetched, not cached
        assertEquals(sale(), back);
        assertEquals(new BigDecimal("800.0000"), back.getAmountPaid());
    }

    @Test
    void laterRecordsOfATopicAreWrittenByteForByteAsApicuriosSerdeWritesThem() {
        var apicurio = new io.apicurio.registry.serde.avro.AvroKafkaSerializer<Sale>();
        apicurio.configure(config.serdeConfig(), false);
        RegistryAvroSerde<Sale> serde = RegistryAvroSerde.sale(config);
        serde.serialize(SALES, sale()); // the first asks the registry; the rest reuse its header

        Sale nameYourPrice = sale();
        nameYourPrice.setSaleId("s2");
        nameYourPrice.setPayWhatYouWant(true);
        nameYourPrice.setAmountPaid(new BigDecimal("1234567.8900"));
        Sale negative = sale();
        negative.setSaleId("s3");
        negative.setAmountPaidUsd(new BigDecimal("-5.5400"));
        for (Sale each : java.util.List.of(sale(), nameYourPrice, negative)) {
            assertArrayEquals(apicurio.serialize(SALES, each), serde.serialize(SALES, each), each.getSaleId());
            assertEquals(each, serde.deserialize(SALES, serde.serialize(SALES, each)));
        }

        Sale badScale = sale();
        badScale.setAmountPaid(new BigDecimal("1.23456"));
        var refused = assertThrows(SerializationException.class, () -> serde.serialize(SALES, badScale));
        assertTrue(refused.getMessage().startsWith("Cannot encode Sale"), refused.getMessage());
    }

    @Test
    void readsRecordsWrittenBeforeTheRegistry() {
        byte[] old = SingleObjectSerde.sale().encode(sale());
        assertEquals(sale(), RegistryAvroSerde.sale(config).deserialize(SALES, old));
    }

    @Test
    void badBytesAndValuesAreSerializationErrors() {
        RegistryAvroSerde<Sale> sales = RegistryAvroSerde.sale(config);
        var neither = assertThrows(SerializationException.class, () -> sales.deserialize(SALES, new byte[] {1, 2, 3}));
        assertTrue(neither.getMessage().contains("neither the Confluent wire format"), neither.getMessage());

        byte[] cursor = RegistryAvroSerde.feedCursor(config).serialize("bandcamp.salesfeed.cursor",
                new FeedCursor("http://x", 60L, null, Instant.EPOCH));
        var wrongType = assertThrows(SerializationException.class, () -> sales.deserialize(SALES, cursor));
        assertTrue(wrongType.getMessage().contains("is a FeedCursor record"), wrongType.getMessage());

        Sale badScale = sale();
        badScale.setAmountPaid(new BigDecimal("1.23456"));
        assertThrows(SerializationException.class, () -> sales.serialize(SALES, badScale));

        byte[] whole = sales.serialize(SALES, sale());
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 20); // a good header, a body cut short
        var cut = assertThrows(SerializationException.class, () -> sales.deserialize(SALES, truncated));
        assertTrue(cut.getMessage().contains("written with schema id"), cut.getMessage());

        Sale missingTitle = sale();
        missingTitle.setTitle(null);
        assertThrows(SerializationException.class, () -> sales.serialize(SALES, missingTitle));

        byte[] unknownId = sales.serialize(SALES, sale());
        unknownId[1] = 0x40;
        var unknown = assertThrows(SerializationException.class, () -> sales.deserialize(SALES, unknownId));
        assertTrue(unknown.getMessage().contains("is not in the schema registry"), unknown.getMessage());
    }

    @Test
    void aRegistryThatCannotBeAskedIsRetriableNotABadRecord() {
        SchemaRegistryConfig nowhere = SchemaRegistryConfig.of("http://127.0.0.1:9");
        byte[] bytes = RegistryAvroSerde.sale(config).serialize(SALES, sale());

        var read = assertThrows(SchemaRegistryUnavailableException.class,
                () -> RegistryAvroSerde.sale(nowhere).deserialize(SALES, bytes));
        assertTrue(read.getMessage().contains("Cannot fetch schema id"), read.getMessage());
        var write = assertThrows(SchemaRegistryUnavailableException.class,
                () -> RegistryAvroSerde.rawSale(nowhere).serialize("bandcamp.sales.raw", RawSale.newBuilder()
                        .setSaleId("s").setEventId("e").setItemIndex(0).setCartSize(1).setFeedBaseUrl("http://x")
                        .setFetchedAt(Instant.EPOCH).setItemJson("{}").build()));
        assertTrue(write.getMessage().contains("bandcamp.sales.raw-value"), write.getMessage());
    }

    @Test
    void aRegistryThatNeverAnswersIsRetriableNotAHang() throws Exception {
        byte[] bytes = RegistryAvroSerde.sale(config).serialize(SALES, sale());
        // Accepts connections and reads requests, and never says a word: a stuck registry.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            acceptEach(silent, held::add);
            var stuck = new SchemaRegistryConfig(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    Duration.ofMillis(500));

            var read = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                    SchemaRegistryUnavailableException.class, () -> RegistryAvroSerde.sale(stuck).deserialize(SALES, bytes)));
            assertTrue(read.getMessage().contains("Cannot fetch schema id"), read.getMessage());
            assertFalse(held.isEmpty(), "the serde asked the silent registry");
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aLookupWhoseAnswerNeverCameIsAskedAgain() throws Exception {
        byte[] bytes = RegistryAvroSerde.sale(config).serialize(SALES, sale());
        // In front of the registry: the first connection is read and never answered, as when an answer is lost;
        // every later one is relayed to the registry.
        try (ServerSocket front = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> swallowed = new CopyOnWriteArrayList<>();
            acceptEach(front, client -> {
                if (swallowed.isEmpty()) {
                    swallowed.add(client);
                    return;
                }
                Socket server = new Socket(registry.url().getHost(), registry.url().getPort());
                pipe(client, server);
                pipe(server, client);
            });
            var lossy = new SchemaRegistryConfig(URI.create("http://127.0.0.1:" + front.getLocalPort()),
                    Duration.ofMillis(500));

            Sale read = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> RegistryAvroSerde.sale(lossy).deserialize(SALES, bytes));
            assertEquals(sale(), read);
            assertEquals(1, swallowed.size(), "the first connection was swallowed");
            for (Socket socket : swallowed) {
                socket.close();
            }
        }
    }

    private interface ConnectionHandler {
        void accept(Socket connection) throws IOException;
    }

    /** Hands each connection that {@code server} accepts to {@code handler}, on a thread of its own, until it closes. */
    private static void acceptEach(ServerSocket server, ConnectionHandler handler) {
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    handler.accept(server.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Copies what {@code from} receives to {@code to} until either closes. */
    private static void pipe(Socket from, Socket to) {
        Thread copy = new Thread(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException closed) {
                // either side went away
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException alreadyClosed) {
                    // nothing left to tell it
                }
            }
        });
        copy.setDaemon(true);
        copy.start();
    }

    @Test
    void theRegistryIsNamedByItsRootNotAnApiPath() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> SchemaRegistryConfig.of("http://127.0.0.1:8085/apis/ccompat/v7"));
        assertTrue(error.getMessage().contains("registry's root"), error.getMessage());
        assertEquals("http://127.0.0.1:8085/apis/ccompat/v7",
                SchemaRegistryConfig.of("http://127.0.0.1:8085/").confluentApi().toString());
    }

    @Test
    void aSubjectWithoutOurSchemaIsRetriableAndSaysToRegister() {
        var error = assertThrows(SchemaRegistryUnavailableException.class,
                () -> RegistryAvroSerde.sale(config).serialize("not-a-registered-topic", sale()));
        assertTrue(error.getMessage().contains("./tracktion schemas register"), error.getMessage());
    }
}
