package io.tracktion.launcher.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds util-linux {@code setsid} on the PATH, once. */
final class Setsid {

    private static final Optional<String> PATH = find();

    private Setsid() {
    }

    static Optional<String> path() {
        return PATH;
    }

    private static Optional<String> find() {
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
