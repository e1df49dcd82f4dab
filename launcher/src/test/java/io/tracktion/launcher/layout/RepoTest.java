package io.tracktion.launcher.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoTest {

    private static final Repo REPO = new Repo(Path.of("/srv/tracktion"));

    @Test
    void jarsComeFromTheModulesTargetFolders() {
        assertEquals(Path.of("/srv/tracktion/api-gateway/target/api-gateway-0.1.0-SNAPSHOT.jar"),
                REPO.serviceJar("api-gateway"));
        assertEquals(Path.of("/srv/tracktion/bandcamp-simulator/target/bandcamp-simulator-0.1.0-SNAPSHOT-all.jar"),
                REPO.simulatorJar());
        assertEquals(Path.of("/srv/tracktion/launcher/target/launcher-0.1.0-SNAPSHOT-all.jar"), REPO.launcherJar());
        assertEquals(Path.of("/srv/tracktion/launcher/target/kafka-lib"), REPO.kafkaLibDir());
        assertEquals(Path.of("/srv/tracktion/launcher/target/mail-catcher/greenmail-standalone.jar"),
                REPO.mailCatcherJar());
    }

    @Test
    void versionIsTheProjectVersion() {
        // Surefire passes the pom's ${project.version}: a version bump must update Repo.VERSION too.
        assertEquals(System.getProperty("tracktion.version"), Repo.VERSION);
    }

    @Test
    void foundFromAnyFolderInsideTheCheckout(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("launcher"));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.writeString(dir.resolve("launcher/pom.xml"), "<project/>");
        Path moduleSources = Files.createDirectories(dir.resolve("e2e-tests/src/test/java"));
        Files.writeString(dir.resolve("e2e-tests/pom.xml"), "<project/>"); // a module's pom is not the root

        assertEquals(Optional.of(new Repo(dir)), Repo.findFrom(moduleSources));
        assertEquals(Optional.of(new Repo(dir)), Repo.findFrom(dir));
    }

    @Test
    void noCheckoutAboveAFolderIsEmpty(@TempDir Path dir) {
        assertEquals(Optional.empty(), Repo.findFrom(dir));
    }

    @Test
    void locatesThisCheckoutFromTheModuleFolder() {
        // Maven runs the tests in launcher/: the repository is its parent, holding the launcher's own pom.
        Repo repo = Repo.locate();
        assertTrue(Files.isRegularFile(repo.module("launcher").resolve("pom.xml")), repo.toString());
        assertEquals(Path.of("").toAbsolutePath().getParent(), repo.root());
        assertEquals(Optional.of(repo), Repo.aroundThisCode(), "the classes under test live in the same checkout");
    }
}
