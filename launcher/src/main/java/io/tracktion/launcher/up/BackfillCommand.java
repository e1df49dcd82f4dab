package io.tracktion.launcher.up;

import io.tracktion.launcher.LaunchException;
import io.tracktion.launcher.cli.Command;
import io.tracktion.launcher.config.Settings;
import io.tracktion.launcher.layout.Repo;
import io.tracktion.launcher.process.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ./tracktion backfill --from <instant> --to <instant> [--simulate]}: runs the ingestor's backfill against
 * the system {@code ./tracktion up} runs (the same Kafka, registry and feed, found the same way), in the foreground,
 * its progress on the console. Its exit code is the backfill's.
 */
public final class BackfillCommand {

    private BackfillCommand() {
    }

    public static int run(Command command, Settings settings, Repo repo, Console console) {
        try {
            Plan plan = new Plan(settings, repo, command.simulate());
            Path jar = repo.serviceJar("ingestor-service");
            if (!Files.isRegularFile(jar)) {
                console.line("Error: " + jar + " is not built; run ./tracktion up once (it builds the project)");
                return 1;
            }
            Map<String, String> env = plan.serviceEnvironment();
            console.line("Backfilling " + env.getOrDefault("BANDCAMP_BASE_URL", "https://bandcamp.com") + " from "
                    + command.from() + " to " + command.to() + " into Kafka at " + env.get("KAFKA_BOOTSTRAP_SERVERS"));
            ProcessBuilder builder = new ProcessBuilder(List.of(ServiceProcess.javaExecutable().toString(), "-jar",
                    jar.toString(), "backfill", "--from", command.from().toString(), "--to", command.to().toString()))
                    .inheritIO();
            builder.environment().putAll(env);
            Process backfill = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(backfill::destroy, "tracktion-backfill-stop"));
            return backfill.waitFor();
        } catch (LaunchException | IOException e) {
            console.line("Error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
