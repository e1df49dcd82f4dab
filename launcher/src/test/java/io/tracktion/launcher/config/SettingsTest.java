package io.tracktion.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracktion.launcher.LaunchException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void userValueWinsOverDefault() {
        Settings settings = new Settings(Map.of("DB_NAME", "sales"));
        assertEquals("sales", settings.get("DB_NAME", "tracktion"));
        assertEquals("tracktion", settings.get("DB_USER", "tracktion"));
    }

    @Test
    void blankCountsAsUnset() {
        Settings settings = new Settings(Map.of("DB_HOST", "  "));
        assertFalse(settings.isSet("DB_HOST"));
        assertEquals("localhost", settings.get("DB_HOST", "localhost"));
    }

    @Test
    void valuesAreTrimmed() {
        assertEquals("db.example", new Settings(Map.of("DB_HOST", " db.example ")).get("DB_HOST", "x"));
    }

    @Test
    void portFromUserOrDefault() throws Exception {
        Settings settings = new Settings(Map.of("KAFKA_PORT", "19092"));
        assertEquals(19092, settings.port("KAFKA_PORT", 9092));
        assertEquals(9093, settings.port("KAFKA_CONTROLLER_PORT", 9093));
    }

    @Test
    void badPortNamesTheVariable() {
        for (String bad : new String[] {"abc", "0", "70000", "-1"}) {
            Settings settings = new Settings(Map.of("API_PORT", bad));
            var e = assertThrows(LaunchException.class, () -> settings.port("API_PORT", 8080));
            assertTrue(e.getMessage().contains("API_PORT") && e.getMessage().contains(bad), e.getMessage());
        }
    }
}
