package io.tracktion.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentsTest {

    @Test
    void upStartsWithoutSimulator() throws Exception {
        assertEquals(Command.up(false), Arguments.parse(List.of("up")));
    }

    @Test
    void upWithSimulate() throws Exception {
        assertEquals(Command.up(true), Arguments.parse(List.of("up", "--simulate")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void helpInEveryUsualSpelling(String arg) throws Exception {
        assertEquals(Command.help(), Arguments.parse(List.of(arg)));
    }

    @Test
    void schemasRegister() throws Exception {
        assertEquals(Command.schemasRegister(), Arguments.parse(List.of("schemas", "register")));
        var e = assertThrows(Arguments.UsageException.class, () -> Arguments.parse(List.of("schemas")));
        assertTrue(e.getMessage().contains("schemas register"), e.getMessage());
    }

    @Test
    void helpAfterUp() throws Exception {
        assertEquals(Command.help(), Arguments.parse(List.of("up", "--help")));
    }

    @Test
    void noCommandIsAUsageError() {
        assertThrows(Arguments.UsageException.class, () -> Arguments.parse(List.of()));
    }

    @Test
    void unknownCommandIsNamed() {
        var e = assertThrows(Arguments.UsageException.class, () -> Arguments.parse(List.of("down")));
        assertTrue(e.getMessage().contains("down"), e.getMessage());
    }

    @Test
    void unknownOptionIsNamed() {
        var e = assertThrows(Arguments.UsageException.class, () -> Arguments.parse(List.of("up", "--simulat")));
        assertTrue(e.getMessage().contains("--simulat"), e.getMessage());
    }

    @Test
    void usageNamesBothCommands() {
        assertTrue(Arguments.USAGE.contains("up --simulate"));
        assertTrue(Arguments.USAGE.contains("help"));
        assertTrue(Arguments.USAGE.contains("TRACKTION_SKIP_BUILD"));
    }

    @Test
    void backfillTakesARangeAndOptionallyTheSimulator() throws Exception {
        java.time.Instant from = java.time.Instant.parse("2026-11-30T00:00:00Z");
        java.time.Instant to = java.time.Instant.parse("2026-11-30T06:00:00Z");
        assertEquals(Command.backfill(from, to, false),
                Arguments.parse(List.of("backfill", "--from", "2026-11-30T00:00:00Z", "--to", "2026-11-30T06:00:00Z")));
        assertEquals(Command.backfill(from, to, true), Arguments.parse(
                List.of("backfill", "--simulate", "--to", "2026-11-30T06:00:00Z", "--from", "2026-11-30T00:00:00Z")));
        for (List<String> bad : List.of(List.of("backfill"), List.of("backfill", "--from", "2026-11-30T00:00:00Z"),
                List.of("backfill", "--from", "yesterday", "--to", "2026-11-30T06:00:00Z"),
                List.of("backfill", "--from", "2026-11-30T06:00:00Z", "--to", "2026-11-30T00:00:00Z"),
                List.of("backfill", "--from", "2026-11-30T00:00:00Z", "--to", "2026-11-30T06:00:00Z", "--fast"),
                List.of("backfill", "--from"))) {
            org.junit.jupiter.api.Assertions.assertThrows(Arguments.UsageException.class, () -> Arguments.parse(bad),
                    bad.toString());
        }
    }
}
