package io.tracktion.loader.sales;

import io.tracktion.loader.batch.Transactions;
import io.tracktion.schemas.ReleaseUrls;
import java.time.Instant;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tracktion.loader.sales.WriteResult.Rejection;
import io.tracktion.loader.testing.SaleTable;
import io.tracktion.loader.testing.Sales;
import io.tracktion.schemas.Sale;
import io.tracktion.schemas.SaleItemType;
import io.tracktion.testsupport.Postgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The batch insert against a real PostgreSQL 17 with the product's migration. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SaleWriterTest {

    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    private String database;
    private DataSource dataSource;
    private final SaleWriter writer = new SaleWriter();
    private SaleTable table;

    @BeforeEach
    void freshDatabase() {
        database = POSTGRES.newMigratedDatabase();
        dataSource = POSTGRES.dataSource(database);
        table = new SaleTable(POSTGRES.dataSource(database));
    }

    @Test
    void writesEveryColumnExactly() throws SQLException {
        // Through the binary copy itself: a value it encoded wrongly would be refused and quietly written by the
        // row-by-row way instead.
        assertThat(writeOnOneConnection(List.of(Sales.sale("full"), Sales.bareSale("bare")))).as("staging table used")
                .isFalse();

        assertThat(table.row("full")).containsExactlyEntriesOf(Sales.expectedRow("full"));

        assertThat(table.row("bare"))
                .containsEntry("sold_at", "2025-06-15T00:00:00.000001")
                .containsEntry("item_type", "track")
                .containsEntry("amount_paid", "0.0000")
                .containsEntry("pay_what_you_want", "true")
                .containsEntry("raw_item", "{}")
                .containsEntry("cart_sold_at", null).containsEntry("artist_url", null)
                .containsEntry("slug_type", null).containsEntry("album_title", null)
                .containsEntry("url", null).containsEntry("art_url", null)
                .containsEntry("list_price", null).containsEntry("overpaid", null)
                .containsEntry("amount_paid_formatted", null).containsEntry("country", null)
                .containsEntry("country_code", null).containsEntry("art_id", null)
                .containsEntry("package_image_id", null);
    }

    @Test
    void storesEveryItemTypeInLowerCase() throws SQLException {
        List<Sale> sales = Arrays.stream(SaleItemType.values())
                .map(type -> Sales.builder("type-" + type).setItemType(type).build())
                .toList();

        write(dataSource, sales);

        assertThat(Arrays.stream(SaleItemType.values()).map(type -> table.row("type-" + type).get("item_type")))
                .containsExactly("album", "track", "physical", "bundle");
    }

    @Test
    void writesEachSaleIdOnceAndNeverOverwrites() throws SQLException {
        Sale first = Sales.sale("a");
        Sale sameIdOtherTitle = Sales.builder("a").setTitle("changed").build();

        WriteResult one = write(dataSource, List.of(first, Sales.sale("b"), first));
        WriteResult two = write(dataSource, List.of(sameIdOtherTitle, Sales.sale("c")));

        assertThat(one).extracting(WriteResult::inserted, WriteResult::alreadyPresent, WriteResult::rejected)
                .containsExactly(2, 1, List.of());
        assertThat(two).extracting(WriteResult::inserted, WriteResult::alreadyPresent, WriteResult::rejected)
                .containsExactly(1, 1, List.of());
        assertThat(table.saleIds("")).containsExactly("a", "b", "c");
        assertThat(table.row("a")).containsEntry("title", "Ágætis byrjun (Vinyl LP) ✨");
    }

    @Test
    void rejectsOnlyTheRowsTheTableRefuses() throws SQLException {
        List<Sale> sales = List.of(
                Sales.sale("good-1"),
                Sales.builder("overflow").setAmountPaid(new BigDecimal("100000000000000.0000")).build(),
                Sales.sale("good-2"),
                Sales.builder("nul").setArtist("bad\u0000artist").build(),
                Sales.builder("not-json").setRawItemJson("{\"artist_name\": ").build(),
                Sales.builder("huge-artist").setArtist(incompressible(10_000)).build(),
                Sales.sale("good-1"),
                Sales.sale("good-3"));

        WriteResult result = write(dataSource, sales);

        assertThat(result.inserted()).isEqualTo(3);
        assertThat(result.alreadyPresent()).isEqualTo(1);
        assertThat(result.rejected()).extracting(Rejection::index).containsExactly(1, 3, 4, 5);
        // numeric overflow, NUL in text, invalid JSON, index row too big
        assertThat(result.rejected()).extracting(r -> r.error().getSQLState())
                .containsExactly("22003", "22021", "22P02", "54000");
        assertThat(table.saleIds("")).containsExactly("good-1", "good-2", "good-3");
    }

    @Test
    void throwsWhenTheDatabaseIsUnreachableAndWritesNothing() {
        POSTGRES.takeDown(database);
        try {
            assertThatThrownBy(() -> write(dataSource, List.of(Sales.sale("lost?"))))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(RowFaults.isRowFault(e)).isFalse());
        } finally {
            POSTGRES.bringUp(database);
        }
        assertThat(table.count("")).isZero();
    }

    @Test
    void throwsRatherThanRejectWhenTheTableIsMissing() {
        DataSource unmigrated = POSTGRES.dataSource(POSTGRES.newDatabase());

        // The first object the writer needs, the partition maker, is missing (42883): no row's fault.
        assertThatThrownBy(() -> write(unmigrated, List.of(Sales.sale("x"))))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42883");
                    assertThat(RowFaults.isRowFault(e)).isFalse();
                });
    }

    @Test
    void putsEachSaleInItsUtcMonthAndLinksItToItsKnownRelease() throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("""
                    INSERT INTO artist (artist_id, url, name, updated_at)
                    VALUES ('art1', 'https://artist.bandcamp.com', 'A', now())""");
            s.execute("INSERT INTO release (release_id, url, status, artist_id, first_seen_at) VALUES ('rel1', '"
                    + ReleaseUrls.release(Sales.sale("x").getUrl()).orElseThrow() + "', 'known', 'art1', now())");
        }
        write(dataSource, List.of(
                Sales.builder("june-end").setSoldAt(Instant.parse("2025-06-30T23:59:59.999999Z")).build(),
                Sales.builder("july").setSoldAt(Instant.parse("2025-07-01T00:00:00Z")).build(),
                Sales.builder("may").setSoldAt(Instant.parse("2025-05-31T23:59:59.999999Z")).build(),
                Sales.builder("june").setSoldAt(Instant.parse("2025-06-01T00:00:00Z")).build(),
                Sales.builder("elsewhere").setUrl("https://other.bandcamp.com/album/x").build(),
                Sales.builder("text").setArtist("comma, \"quote\"\nnewline \\N").setTitle("\"\"edges\"")
                        .setCountryCode(null).build()));

        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rows = s.executeQuery("""
                     SELECT sale_id, tableoid::regclass::text, release_id, artist_id, artist, title FROM sale
                     ORDER BY sale_id""")) {
            List<String> found = new java.util.ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1) + "|" + rows.getString(2) + "|" + rows.getString(3) + "|" + rows.getString(4));
                if (rows.getString(1).equals("text")) {
                    assertThat(rows.getString(5)).isEqualTo("comma, \"quote\"\nnewline \\N");
                    assertThat(rows.getString(6)).isEqualTo("\"\"edges\"");
                }
            }
            assertThat(found).containsExactly("elsewhere|sale_2025_06|null|null", "july|sale_2025_07|rel1|art1",
                    "june|sale_2025_06|rel1|art1", "june-end|sale_2025_06|rel1|art1", "may|sale_2025_05|rel1|art1",
                    "text|sale_2025_06|rel1|art1");
        }
    }

    /**
     * The loader's consumers of sales write at once: two transactions meeting a month without a partition both try
     * to make it, and the second, waiting for the first's lock, must then write into the partition the first made.
     */
    @Test
    void twoTransactionsMeetingTheSameNewMonthBothWriteTheirSales() throws Exception {
        Instant inMarch2031 = Instant.parse("2031-03-02T10:00:00Z");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection first = dataSource.getConnection()) {
            first.setAutoCommit(false);
            writer.write(first, List.of(Sales.builder("first").setSoldAt(inMarch2031).build()));

            Future<WriteResult> second = other.submit(
                    () -> write(dataSource, List.of(Sales.builder("second").setSoldAt(inMarch2031).build())));
            await().atMost(Duration.ofSeconds(20)).until(() -> transactionsWaitingForALock() == 1);
            first.commit();

            assertThat(second.get(20, TimeUnit.SECONDS).inserted()).isEqualTo(1);
        } finally {
            other.shutdownNow();
        }
        assertThat(table.row("first")).containsEntry("sold_at", "2031-03-02T10:00:00.000000");
        assertThat(table.row("second")).containsEntry("sold_at", "2031-03-02T10:00:00.000000");
    }

    private long transactionsWaitingForALock() throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rows = s.executeQuery("""
                     SELECT count(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock'""")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void addsEachBuyerCountryOnceWithTheNameOfItsLatestSale() throws SQLException {
        Instant at = Instant.parse("2025-06-01T12:00:00Z");
        write(dataSource, List.of(
                Sales.builder("de-new").setSoldAt(at.plusSeconds(1)).setCountryCode("DE").setCountry("Germany").build(),
                Sales.builder("de-old").setSoldAt(at).setCountryCode("de").setCountry("Deutschland").build(),
                Sales.builder("fr-refused").setCountryCode("FR").setCountry("France").setRawItemJson("{").build(),
                Sales.builder("digit").setCountryCode("D1").setCountry("?").build(),
                Sales.builder("three").setCountryCode("DEU").setCountry("?").build(),
                Sales.builder("accented").setCountryCode("ÄB").setCountry("?").build(),
                Sales.builder("none").setCountryCode(null).setCountry(null).build()));
        // A country already known keeps its name.
        write(dataSource, List.of(Sales.builder("de-later").setSoldAt(at.plusSeconds(2)).setCountryCode("DE")
                .setCountry("Allemagne").build()));

        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rows = s.executeQuery("SELECT code, name FROM country ORDER BY code")) {
            List<String> countries = new java.util.ArrayList<>();
            while (rows.next()) {
                countries.add(rows.getString(1) + "=" + rows.getString(2));
            }
            assertThat(countries).containsExactly("DE=Germany");
        }
    }

    @Test
    void copiesNewSalesStraightIntoTheFactTableAndGoesThroughStagingOnlyForSalesAlreadyThere() throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO artist (artist_id, url, name, updated_at) VALUES ('art1', 'https://artist.bandcamp.com', 'A', now())");
            s.execute("INSERT INTO label (label_id, url, name, updated_at) VALUES ('lab1', 'https://lab.bandcamp.com', 'Lab', now())");
            s.execute("INSERT INTO release (release_id, url, status, artist_id, label_id, first_seen_at) VALUES ('rel1', '"
                    + ReleaseUrls.release(Sales.sale("x").getUrl()).orElseThrow() + "', 'known', 'art1', 'lab1', now())");
        }
        List<Sale> known = List.of(Sales.sale("one"), Sales.sale("two"));
        List<Sale> unknown = List.of(Sales.builder("three").setUrl("https://other.bandcamp.com/album/y").build());
        assertThat(writeOnOneConnection(known)).as("staging table used").isFalse();
        assertThat(writeOnOneConnection(unknown)).as("staging table used").isFalse();
        // Replayed: the straight copy is refused, and the staging table skips what is there.
        assertThat(writeOnOneConnection(List.of(Sales.sale("one"), Sales.sale("four")))).as("staging table used").isTrue();

        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rows = s.executeQuery("SELECT sale_id, release_id, artist_id, label_id FROM sale ORDER BY sale_id")) {
            List<String> found = new java.util.ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1) + "|" + rows.getString(2) + "|" + rows.getString(3) + "|" + rows.getString(4));
            }
            assertThat(found).containsExactly("four|rel1|art1|lab1", "one|rel1|art1|lab1", "three|null|null|null",
                    "two|rel1|art1|lab1");
        }
    }

    @Test
    void aBatchOfManySlicesWithOneSaleStoredKeepsTheOthersAndTheNextBatchesTurnBackToTheStraightCopy()
            throws SQLException {
        write(dataSource, List.of(Sales.sale("s0500")));
        List<Sale> batch = java.util.stream.IntStream.range(0, 600).mapToObj(i -> Sales.sale("s%04d".formatted(i)))
                .toList();

        // Refused in its third slice of the straight copy: undone, and the batch goes through the staging table.
        assertThat(writeOnOneConnection(batch)).as("staging table used").isTrue();
        assertThat(table.count("")).isEqualTo(600);
        // A replay goes on the longer way until a batch holds no stored sale, then copies straight again.
        assertThat(writeOnOneConnection(List.of(Sales.sale("new-1")))).as("staging table used").isTrue();
        assertThat(writeOnOneConnection(List.of(Sales.sale("new-2")))).as("staging table used").isFalse();
        assertThat(table.count("")).isEqualTo(602);
    }

    /**
     * Each release page keeps the first time it sold under each artist name, whichever way its sales were written:
     * lowered by an earlier sale in a later batch (here a replay, through the staging table), never raised, and
     * not given by a sale the table refused.
     */
    @Test
    void keepsTheFirstSaleOfEachReleaseUnderEachArtistNameTheTableAccepted() throws SQLException {
        String page = ReleaseUrls.release(Sales.sale("x").getUrl()).orElseThrow();
        Instant noon = Instant.parse("2025-06-15T12:00:00Z");
        assertThat(writeOnOneConnection(List.of(
                Sales.builder("noon").setSoldAt(noon).build(),
                Sales.builder("later").setSoldAt(noon.plusSeconds(60)).build()))).as("staging table used").isFalse();
        assertThat(spans()).containsExactly(page + "|" + Sales.sale("x").getArtist() + "|2025-06-15 12:00:00+00");

        assertThat(writeOnOneConnection(List.of(
                Sales.builder("noon").setSoldAt(noon).build(), // stored already: the batch goes through staging
                Sales.builder("morning").setSoldAt(noon.minusSeconds(3_600)).build(),
                Sales.builder("evening").setSoldAt(noon.plusSeconds(3_600)).build(),
                Sales.builder("refused").setArtist("Another Name").setRawItemJson("{").build(),
                Sales.builder("no-release").setArtist("Another Name").setUrl("https://x.bandcamp.com/").build())))
                .as("staging table used").isTrue();
        assertThat(spans()).containsExactly(page + "|" + Sales.sale("x").getArtist() + "|2025-06-15 11:00:00+00");
    }

    /**
     * A span is remembered once its batch has committed, with the earliest first sale seen, and then not written again
     * while no earlier: the table is not asked. A span whose batch rolled back, or whose sale the table refused, is not
     * remembered; nor is any span once the writer was told to forget them (after a failed batch).
     */
    @Test
    void remembersOnlyTheReleaseSpansOfCommittedBatches() throws SQLException {
        String page = ReleaseUrls.release(Sales.sale("x").getUrl()).orElseThrow();
        String span = page + "|" + Sales.sale("x").getArtist();
        Instant noon = Instant.parse("2025-06-15T12:00:00Z");
        try (var c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            writer.write(c, List.of(Sales.builder("rolled-back").setSoldAt(noon).build()));
            c.rollback();
        }
        write(dataSource, List.of(Sales.builder("retried").setSoldAt(noon.plusSeconds(60)).build()));
        write(dataSource, List.of(Sales.builder("refused").setArtist("Another Name").setSoldAt(noon)
                .setRawItemJson("{").build()));
        write(dataSource, List.of(Sales.builder("another").setArtist("Another Name").setSoldAt(noon.plusSeconds(180))
                .build()));
        write(dataSource, List.of(Sales.builder("later").setSoldAt(noon.plusSeconds(120)).build()));
        assertThat(spans()).containsExactly(page + "|Another Name|2025-06-15 12:03:00+00",
                span + "|2025-06-15 12:01:00+00");

        // Deleted behind the writer's back (nothing in the loader deletes them), to see what it writes from now on.
        POSTGRES.execute(database, "DELETE FROM release_sale_span");
        write(dataSource, List.of(Sales.builder("in-between").setSoldAt(noon.plusSeconds(90)).build()));
        assertThat(spans()).as("a sale no earlier than the span remembered").isEmpty();
        write(dataSource, List.of(Sales.builder("earlier").setSoldAt(noon).build()));
        assertThat(spans()).containsExactly(span + "|2025-06-15 12:00:00+00");

        POSTGRES.execute(database, "DELETE FROM release_sale_span");
        writer.forgetCommittedSpans();
        write(dataSource, List.of(Sales.builder("after-a-failure").setSoldAt(noon.plusSeconds(300)).build()));
        assertThat(spans()).containsExactly(span + "|2025-06-15 12:05:00+00");
    }

    private List<String> spans() throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            try (var rows = s.executeQuery("SELECT release_url, artist, first_sold_at FROM release_sale_span ORDER BY 1, 2")) {
                List<String> found = new java.util.ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1) + "|" + rows.getString(2) + "|" + rows.getString(3));
                }
                return found;
            }
        }
    }

    /** Writes and commits on one new connection; whether the write made the connection's staging table. */
    private boolean writeOnOneConnection(List<Sale> sales) throws SQLException {
        try (var c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            WriteResult written = writer.write(c, sales);
            c.commit();
            writer.committed(written);
            try (var s = c.createStatement(); var staging = s.executeQuery("SELECT to_regclass('pg_temp.sale_staging')")) {
                staging.next();
                return staging.getString(1) != null;
            }
        }
    }

    /** As the listener does: in a transaction of its own, committed. */
    private WriteResult write(DataSource into, List<Sale> sales) throws SQLException {
        WriteResult[] result = {null};
        Transactions.inTransaction(into, connection -> result[0] = writer.write(connection, sales));
        writer.committed(result[0]);
        return result[0];
    }

    private static String incompressible(int length) {
        Random random = new Random(42);
        return random.ints(length, 'a', 'z' + 1).mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
    }
}
