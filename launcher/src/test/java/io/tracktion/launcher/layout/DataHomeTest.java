package io.tracktion.launcher.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataHomeTest {

    @Test
    void everythingLivesInDotTracktionOfTheRepository() {
        DataHome home = DataHome.in(new Repo(Path.of("/srv/tracktion")));
        Path dir = Path.of("/srv/tracktion/.tracktion");
        assertEquals(dir, home.dir());
        assertEquals(dir.resolve("kafka"), home.kafkaDir());
        assertEquals(dir.resolve("postgres"), home.postgresDataDir());
        assertEquals(dir.resolve("logs"), home.logsDir());
        assertEquals(dir.resolve("logs/kafka.log"), home.logFile("kafka"));
        assertEquals(dir.resolve("logs/ingestor-service.log"), home.logFile("ingestor-service"));
        assertEquals(dir.resolve("state/transformer"), home.transformerStateDir());
    }
}
