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
}
