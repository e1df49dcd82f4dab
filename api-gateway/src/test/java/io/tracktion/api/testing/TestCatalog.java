package io.tracktion.api.testing;

import static io.tracktion.api.testing.TestSale.sale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small known catalogue (artists, labels, releases with genres and tags) and random sales of it over a few days,
 * some of them of releases not known yet: fixtures for the analytics endpoints.
 */
public final class TestCatalog {

    /** Release id, artist id, label id (or null), genre (or null). */
    private static final String[][] RELEASES = {
            {"rel-harbour", "art-velvet", "lab-harbour", "electronic"},
            {"rel-kessel", "art-velvet", "lab-harbour", "ambient"},
            {"rel-cello", "art-cello", null, "jazz"},
            {"rel-static", "art-static", "lab-static", "electronic"},
            {"rel-nogenre", "art-static", "lab-static", null},
    };

    private static final String SQL = """
            INSERT INTO artist VALUES ('art-velvet', 'https://velvetorrery.bandcamp.com', NULL, 'Velvet Orrery', 'Hamburg', now()),
                                      ('art-cello', 'https://celloweather.bandcamp.com', NULL, 'Cello Weather', NULL, now()),
                                      ('art-static', 'https://accordionstatic.bandcamp.com', NULL, 'Accordion Static', NULL, now());
            INSERT INTO label VALUES ('lab-harbour', 'https://harbourlight.bandcamp.com', NULL, 'Harbour Light', NULL, now()),
                                     ('lab-static', 'https://staticrecords.bandcamp.com', NULL, 'Static Records', NULL, now());
            INSERT INTO tag VALUES ('electronic', 'genre'), ('ambient', 'genre'), ('jazz', 'genre'),
                                   ('dub techno', 'descriptive'), ('drone', 'descriptive'), ('hamburg', 'location');
            INSERT INTO country VALUES ('DE', 'Germany'), ('US', 'United States'), ('JP', 'Japan');
            """;

    private TestCatalog() {
    }

    public static void insert(ApiWithDatabase api) {
        StringBuilder sql = new StringBuilder(SQL);
        for (String[] r : RELEASES) {
            sql.append("""
                    INSERT INTO release (release_id, url, status, kind, title, artist_id, label_id, genre, first_seen_at)
                    VALUES ('%1$s', 'https://example.bandcamp.com/album/%1$s', 'known', 'album', 'Title of %1$s', '%2$s',
                            %3$s, %4$s, now());
                    """.formatted(r[0], r[1], r[2] == null ? "NULL" : "'" + r[2] + "'", r[3] == null ? "NULL" : "'" + r[3] + "'"));
        }
        sql.append("""
                INSERT INTO release_tag VALUES ('rel-harbour', 'electronic', 'genre', 0), ('rel-harbour', 'dub techno', 'descriptive', 1),
                                               ('rel-harbour', 'drone', 'descriptive', 2), ('rel-harbour', 'hamburg', 'location', 3),
                                               ('rel-kessel', 'drone', 'descriptive', 1), ('rel-static', 'dub techno', 'descriptive', 1);
                """);
        api.execute(sql.toString());
    }

    /**
     * {@code count} sales in carts of one to three items sold at the same instant (as Bandcamp's feed gives a cart),
     * at random instants from {@code from} over {@code span}: each of a known release, or (one in six) of a release
     * whose page is not read yet.
     */
    public static List<TestSale> randomSales(Random random, int count, Instant from, Duration span) {
        String[] countries = {"DE", "US", "JP", null};
        String[] kinds = {"album", "track", "physical", "bundle"};
        List<TestSale> sales = new ArrayList<>();
        int cart = 0;
        while (sales.size() < count) {
            cart++;
            Instant at = from.plusMillis((long) (random.nextDouble() * span.toMillis()));
            String country = countries[random.nextInt(countries.length)];
            int items = 1 + random.nextInt(3);
            for (int i = 0; i < items && sales.size() < count; i++) {
                TestSale sale = sale("sale-" + sales.size()).cart("cart-" + cart).soldAt(at)
                        .usd(random.nextInt(3000) / 100 + "." + "%02d".formatted(random.nextInt(100)))
                        .buyerIn(country == null ? null : "Country " + country, country);
                String kind = kinds[random.nextInt(kinds.length)];
                if (random.nextInt(6) == 0) {
                    sale.artist("Someone Unknown").item(kind, "Unknown", null, null);
                } else {
                    String[] r = RELEASES[random.nextInt(RELEASES.length)];
                    sale.item(kind, "Title of " + r[0], null, null).attributed(r[0], r[1], r[2]);
                }
                sales.add(sale);
            }
        }
        return sales;
    }
}
