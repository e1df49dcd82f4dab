package io.tracktion.api.stats;

import static io.tracktion.api.testing.TestSale.sale;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiWithDatabase;
import io.tracktion.api.testing.TestSale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatsSummaryTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    @Test
    void countsItemsCartsRevenueArtistsAndCountries() {
        API.insert(
                // one cart, three items, two artists
                sale("a1").cart("cart-a").artist("Velvet Orrery").usd("7.00").buyerIn("United States", "us"),
                sale("a2").cart("cart-a").artist("Velvet Orrery").usd("3.50").buyerIn("United States", "us"),
                sale("a3").cart("cart-a").artist("Moss Cathedral").usd("10.00").buyerIn("United States", "us"),
                // paid in yen: revenue counts the USD value, not the 1500
                sale("b1").cart("cart-b").artist("東京ノイズ").paid("JPY", "1500", "1500", "9.87").buyerIn("Japan", "jp"),
                // no buyer country: counted everywhere but in countries
                sale("c1").cart("cart-c").artist("Velvet Orrery").usd("0.99"),
                sale("d1").cart("cart-d").artist("Moss Cathedral").paid("EUR", "4.50", "4.00", "4.99").buyerIn("Germany", "de"),
                sale("d2").cart("cart-d").artist("Moss Cathedral").paid("EUR", "5.00", "5.00", "5.79").buyerIn("Germany", "de"));

        JsonNode summary = API.getJson("/api/v1/stats/summary");

        assertThat(summary.get("items").asLong()).isEqualTo(7);
        assertThat(summary.get("carts").asLong()).isEqualTo(4);
        assertThat(summary.get("revenueUsd").decimalValue()).isEqualByComparingTo("42.14");
        assertThat(summary.get("artists").asLong()).isEqualTo(3);
        assertThat(summary.get("countries").asLong()).isEqualTo(3);
        assertThat(summary.get("from").isNull()).isTrue();
        assertThat(summary.get("to").isNull()).isTrue();
    }

    @Test
    void periodIncludesItsStartAndExcludesItsEnd() {
        API.insert(
                sale("before-from").soldAt("2026-11-24T09:59:59.999999Z").usd("100"),
                sale("at-from").soldAt("2026-11-24T10:00:00Z").usd("1"),
                sale("before-to").soldAt("2026-11-24T10:59:59.999999Z").usd("2"),
                sale("at-to").soldAt("2026-11-24T11:00:00Z").usd("1000"));

        JsonNode summary = API.getJson("/api/v1/stats/summary?from=2026-11-24T10:00:00Z&to=2026-11-24T11:00:00Z");

        assertThat(summary.get("items").asLong()).isEqualTo(2);
        assertThat(summary.get("revenueUsd").decimalValue()).isEqualByComparingTo("3");
        assertThat(Instant.parse(summary.get("from").asText())).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(Instant.parse(summary.get("to").asText())).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
    }

    @Test
    void eitherBoundAloneLeavesTheOtherSideOpen() {
        API.insert(
                sale("early").soldAt("2020-01-01T00:00:00Z").usd("1"),
                sale("late").soldAt("2030-01-01T00:00:00Z").usd("2"));

        assertThat(API.getJson("/api/v1/stats/summary?from=2025-01-01T00:00:00Z").get("revenueUsd").decimalValue())
                .isEqualByComparingTo("2");
        assertThat(API.getJson("/api/v1/stats/summary?to=2025-01-01T00:00:00Z").get("revenueUsd").decimalValue())
                .isEqualByComparingTo("1");
    }

    @Test
    void anEmptyTableGivesZeros() {
        JsonNode summary = API.getJson("/api/v1/stats/summary");

        assertThat(summary.get("items").asLong()).isZero();
        assertThat(summary.get("carts").asLong()).isZero();
        assertThat(summary.get("revenueUsd").isNumber()).isTrue();
        assertThat(summary.get("revenueUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(summary.get("artists").asLong()).isZero();
        assertThat(summary.get("countries").asLong()).isZero();
    }

    @Test
    void revenueIsAnExactDecimalNumber() {
        // Ten times 0.1 is 0.9999999999999999 in double arithmetic, and the large values exceed its 16 digits.
        List<TestSale> sales = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sales.add(sale("dime-" + i).cart("cart-" + i).usd("0.10"));
        }
        sales.add(sale("big-1").usd("99999999999999.9999"));
        sales.add(sale("big-2").usd("99999999999999.9999"));
        API.insert(sales);

        var response = API.get("/api/v1/stats/summary");

        assertThat(response.json().get("revenueUsd").decimalValue())
                .isEqualByComparingTo("200000000000000.9998");
        // a JSON number with the column's four decimals, not a string
        assertThat(response.body()).contains("\"revenueUsd\":200000000000000.9998");
    }
}
