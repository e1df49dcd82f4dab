package io.tracktion.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracktion.schemas.SchemaRegistryConfig;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IngestorSettingsTest {

    @ParameterizedTest
    @CsvSource({
        "60s, PT60S", "1s, PT1S", "500ms, PT0.5S", "2m, PT2M", "1h, PT1H", "PT1M, PT1M", "pt30s, PT30S",
        "' 90s ', PT90S", "10 s, PT10S", "P1D, PT24H", "7d, PT168H"
    })
    void readsDurations(String text, String expected) {
        assertThat(IngestorSettings.duration("BANDCAMP_POLL_INTERVAL", text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "60", "-5s", "0s", "PT0S", "PT-1M", "1.5s", "5 minutes", "1w", "P", "s"})
    void refusesNonsenseNamingTheSetting(String text) {
        assertThatThrownBy(() -> IngestorSettings.duration("BANDCAMP_POLL_INTERVAL", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("BANDCAMP_POLL_INTERVAL must be a positive duration such as 60s")
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void normalisesTheBaseUrl() {
        assertThat(IngestorSettings.baseUrl("https://bandcamp.com")).isEqualTo("https://bandcamp.com");
        assertThat(IngestorSettings.baseUrl(" http://127.0.0.1:8090/ ")).isEqualTo("http://127.0.0.1:8090");
        assertThat(IngestorSettings.baseUrl("http://sim.local:8090/prefix//")).isEqualTo("http://sim.local:8090/prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bandcamp.com", "ftp://bandcamp.com", "https://", "https://bandcamp.com/?x=1",
        "https://bandcamp.com/#top", "http://bad host", "//bandcamp.com"})
    void refusesBaseUrlsThatAreNotHttp(String text) {
        assertThatThrownBy(() -> IngestorSettings.baseUrl(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("BANDCAMP_BASE_URL must be an http(s) URL");
    }

    @Test
    void readsAllSettings() {
        IngestorSettings settings = IngestorSettings.of("https://bandcamp.com/", "60s", "20s", " localhost:9092 ",
                " http://registry.internal:8085/ ");
        assertThat(settings).isEqualTo(new IngestorSettings("https://bandcamp.com", Duration.ofSeconds(60),
                Duration.ofSeconds(20), "localhost:9092", SchemaRegistryConfig.of("http://registry.internal:8085")));
        assertThat(IngestorSettings.of("https://bandcamp.com", "60s", "20s", "k:9092", null).schemaRegistry().url())
                .hasToString("http://127.0.0.1:8085");
        assertThatThrownBy(() -> IngestorSettings.of("https://bandcamp.com", "60s", "20s", "k:9092", "registry:8085"))
                .hasMessageStartingWith("SCHEMA_REGISTRY_URL must be an http(s) URL");
        assertThatThrownBy(() -> IngestorSettings.of("https://bandcamp.com", "60s", "20s", " ", null))
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> IngestorSettings.of("https://bandcamp.com", "60s", "forever", "k:9092", null))
                .hasMessageStartingWith("BANDCAMP_HTTP_TIMEOUT");
    }

    @Test
    void enrichmentSettingsAreCheckedToo() {
        assertThat(EnrichmentSettings.of("1", "", "7d"))
                .isEqualTo(new EnrichmentSettings(1.0, null, Duration.ofDays(7)));
        assertThat(EnrichmentSettings.of("0.5", "http://127.0.0.1:8090/_pages/", "12h"))
                .isEqualTo(new EnrichmentSettings(0.5, "http://127.0.0.1:8090/_pages", Duration.ofHours(12)));
        for (String rate : new String[] {"0", "-1", "fast", "NaN", "Infinity", "5000", ""}) {
            assertThatThrownBy(() -> EnrichmentSettings.of(rate, "", "7d"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BANDCAMP_REQUESTS_PER_SECOND");
        }
        assertThatThrownBy(() -> EnrichmentSettings.of("1", "ftp://sim", "7d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("BANDCAMP_PAGES_URL");
        assertThatThrownBy(() -> EnrichmentSettings.of("1", "", "weekly"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ENRICH_REFRESH_AFTER");
    }
}
