package io.tracktion.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryJavaTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFeatureVersionFromTheReleaseFile() throws IOException {
        assertEquals(Optional.of(25), RegistryJava.versionOf(fakeJdk("temurin-25", "25.0.3")));
        assertEquals(Optional.of(17), RegistryJava.versionOf(fakeJdk("openjdk-17", "17.0.15")));
        assertEquals(Optional.of(1), RegistryJava.versionOf(fakeJdk("jdk8", "1.8.0_412")));
        assertEquals(Optional.empty(), RegistryJava.versionOf(dir.resolve("nothing-here")));
    }

    @Test
    void findsTheNewestSuitableJdkInAFolder() throws IOException {
        fakeJdk("openjdk-17", "17.0.15");
        fakeJdk("temurin-21", "21.0.5");
        fakeJdk("temurin-25", "25.0.3");
        List<RegistryJava.Jdk> found = RegistryJava.installed(List.of(dir));
        assertEquals(3, found.size());
        assertEquals(25, found.stream().mapToInt(RegistryJava.Jdk::version).max().orElseThrow());
    }

    @Test
    void aConfiguredHomeMustBeJava21OrNewer() throws Exception {
        Path old = fakeJdk("openjdk-17", "17.0.15");
        RegistryException tooOld = assertThrows(RegistryException.class,
                () -> RegistryJava.find(Map.of(RegistryJava.HOME_VARIABLE, old.toString())));
        assertTrue(tooOld.getMessage().contains("Java 17"), tooOld.getMessage());
        RegistryException notJava = assertThrows(RegistryException.class,
                () -> RegistryJava.find(Map.of(RegistryJava.HOME_VARIABLE, dir.resolve("nope").toString())));
        assertTrue(notJava.getMessage().contains("not a Java installation"), notJava.getMessage());
        Path good = fakeJdk("temurin-21", "21.0.5");
        assertEquals(good, RegistryJava.find(Map.of(RegistryJava.HOME_VARIABLE, good.toString())).home());
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin").resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
