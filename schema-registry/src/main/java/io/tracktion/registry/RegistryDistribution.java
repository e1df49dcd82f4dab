package io.tracktion.registry;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Apicurio Registry's ready-to-run distribution, as this module's build unpacks it from Maven Central (through
 * the local Maven repository, so it is downloaded once): {@code schema-registry/target/apicurio-registry}.
 */
public record RegistryDistribution(Path dir) {

    /** Where the build puts it, relative to the repository root. */
    public static final Path IN_REPO = Path.of("schema-registry", "target", "apicurio-registry");

    public Path runJar() {
        return dir.resolve("quarkus-run.jar");
    }

    /** The distribution of the repository {@code root}. */
    public static RegistryDistribution inRepo(Path root) {
        return new RegistryDistribution(root.toAbsolutePath().normalize().resolve(IN_REPO));
    }

    /**
     * The distribution of the repository around the current directory (a module's folder when Maven runs its
     * tests), else around this class's jar or classes folder.
     */
    public static RegistryDistribution locate() throws RegistryException {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        codeLocation().ifPresent(starts::add);
        for (Path start : starts) {
            for (Path dir = start.normalize(); dir != null; dir = dir.getParent()) {
                RegistryDistribution candidate = inRepo(dir);
                if (Files.isRegularFile(candidate.runJar())) {
                    return candidate;
                }
            }
        }
        throw new RegistryException("Apicurio Registry is not unpacked: no " + IN_REPO.resolve("quarkus-run.jar")
                + " above " + starts.get(0) + ". Build the project (mvn -B -q -DskipTests install), which unpacks it.");
    }

    private static Optional<Path> codeLocation() {
        CodeSource source = RegistryDistribution.class.getProtectionDomain().getCodeSource();
        try {
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
            return Optional.empty();
        }
    }
}
