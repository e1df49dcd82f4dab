package io.tracktion.launcher;

import io.tracktion.launcher.cli.Arguments;
import io.tracktion.launcher.cli.Command;
import io.tracktion.launcher.config.Settings;
import io.tracktion.launcher.layout.Repo;
import io.tracktion.launcher.up.Console;
import io.tracktion.launcher.up.Plan;
import io.tracktion.launcher.up.BackfillCommand;
import io.tracktion.launcher.up.SchemasCommand;
import io.tracktion.launcher.up.Supervisor;
import io.tracktion.launcher.up.UpCommand;
import java.nio.file.Path;
import java.util.Arrays;

/** Entry point of {@code ./tracktion}: parses the command and runs it. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Command command;
        try {
            command = Arguments.parse(Arrays.asList(args));
        } catch (Arguments.UsageException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.print(Arguments.USAGE);
            return 2;
        }
        if (command.kind() == Command.Kind.HELP) {
            System.out.print(Arguments.USAGE);
            return 0;
        }
        if (command.kind() == Command.Kind.SCHEMAS_REGISTER) {
            return SchemasCommand.register(Settings.fromSystem(), new Console(System.out));
        }
        if (command.kind() == Command.Kind.BACKFILL) {
            try {
                return BackfillCommand.run(command, Settings.fromSystem(), repo(), new Console(System.out));
            } catch (LaunchException e) {
                System.err.println("Error: " + e.getMessage());
                return 1;
            }
        }
        return up(command.simulate());
    }

    private static int up(boolean simulate) {
        Console console = new Console(System.out);
        Supervisor supervisor = new Supervisor(console::line);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (supervisor.stopAll()) {
                console.line("Stopped.");
            }
        }, "tracktion-shutdown"));
        try {
            Settings settings = Settings.fromSystem();
            Plan plan = new Plan(settings, repo(), simulate);
            int exitCode = new UpCommand(plan, console, supervisor).run();
            stop(supervisor, console);
            return exitCode;
        } catch (LaunchException e) {
            if (supervisor.isStopping()) {
                return 130; // Ctrl-C while starting: the shutdown hook is stopping everything
            }
            console.line("Error: " + e.getMessage());
            stop(supervisor, console);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(supervisor, console);
            return 130;
        } catch (Exception e) {
            if (supervisor.isStopping()) {
                return 130;
            }
            console.line("Unexpected error: " + e);
            e.printStackTrace();
            stop(supervisor, console);
            return 1;
        }
    }

    private static void stop(Supervisor supervisor, Console console) {
        if (supervisor.stopAll()) {
            console.line("Stopped.");
        }
    }

    /** The checkout this launcher was built in ({@code <repo>/launcher/target}), else the one around the current directory. */
    private static Repo repo() throws LaunchException {
        return Repo.aroundThisCode().or(() -> Repo.findFrom(Path.of(""))).orElseThrow(() -> new LaunchException(
                "Cannot find the Tracktion repository: run the launcher from its checkout (./tracktion up)."));
    }
}
