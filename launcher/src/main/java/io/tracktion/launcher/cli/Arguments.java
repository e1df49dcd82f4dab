package io.tracktion.launcher.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Parses {@code ./tracktion} arguments: {@code up [--simulate]}, {@code schemas register},
 * {@code backfill --from <instant> --to <instant> [--simulate]} or {@code help}.
 */
public final class Arguments {

    public static final String USAGE = """
            Usage: ./tracktion <command>

            Commands:
              up              Start Kafka, PostgreSQL and every Tracktion service on this machine
                              (polls the live Bandcamp sales feed).
              up --simulate   The same, plus the Bandcamp simulator, which the ingestor polls instead:
                              an offline demo.
              schemas register
                              Register every released version of every topic's Avro schema in the schema
                              registry (SCHEMA_REGISTRY_URL), oldest first; up does this too. Fails, with
                              the registry's reason, on a version that breaks compatibility.
              backfill --from <instant> --to <instant> [--simulate]
                              Replay a past range of the sales feed (ISO-8601 UTC instants, e.g.
                              2026-11-30T00:00:00Z) through the ingestor's path, into the running system,
                              showing progress. Windows already received are passed over: running it twice
                              adds nothing. --simulate: the simulator's feed, as with up --simulate.
              help            Show this help.

            Data and logs live in .tracktion/ beside this script (TRACKTION_HOME overrides), and are kept
            across restarts. Ctrl-C stops everything. Relative paths in variables are taken from the
            repository folder.

            Environment (every variable you set wins over the defaults):
              KAFKA_BOOTSTRAP_SERVERS  use this Kafka instead of starting one
              KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093)   ports of the started broker
              DB_HOST                  use this PostgreSQL instead of starting one
              DB_PORT (5432), DB_NAME, DB_USER, DB_PASSWORD (all "tracktion")
              SCHEMA_REGISTRY_URL      use this schema registry (Apicurio Registry 3) instead of starting one
              SCHEMA_REGISTRY_PORT (8085), SCHEMA_REGISTRY_MANAGEMENT_PORT (8086)   ports of the started one
              REGISTRY_DB_NAME (tracktion_registry)   its database, in the same PostgreSQL
              REGISTRY_JAVA_HOME       the Java 21+ it runs on (else found in the usual JVM folders)
              API_PORT (8080), INGESTOR_PORT (8081), TRANSFORMER_PORT (8082), LOADER_PORT (8083),
              ALERTS_PORT (8084)
              SIM_PORT (8090), SIM_SEED, SIM_SALES_PER_MINUTE (120 with --simulate)
              BANDCAMP_BASE_URL, BANDCAMP_POLL_INTERVAL, BANDCAMP_REQUESTS_PER_SECOND (20 with --simulate)
              BANDCAMP_PAGES_URL       where release pages are fetched (with --simulate: the simulator's /_pages)
              ENRICH_REFRESH_AFTER (7d)   fetch a release page again once older than this
              ENRICH_WAIT (10s)        how long a sale waits for its release before it counts as unknown
              STATS_GRACE (10m), STATS_RETENTION (2d), STATS_EMIT_INTERVAL (250ms)   stats windows
              TRANSFORMER_COMMIT_INTERVAL (100ms)   how often the transformer commits (longer: faster catch-up)
              SIGNALS_SPIKE_PROBABILITY (0.001), SIGNALS_SPIKE_MIN_UNITS (5), SIGNALS_SPIKE_FLOOR_PER_HOUR (0.5),
              SIGNALS_SPIKE_REARM_PROBABILITY (0.05), SIGNALS_SPIKE_BASELINE_HOURS (168),
              SIGNALS_CHART_ENTRY_MIN_UNITS (3)   signal rules (README: Streaming analytics)
              SMTP_HOST                send alert mail through this server instead of a local mail catcher
              SMTP_PORT (2525)         its port, or the mail catcher's
              SMTP_USER, SMTP_PASSWORD, SMTP_STARTTLS (false), SMTP_FROM   its login, and the sender of alerts
              MAIL_CATCHER_PORT (8095) the catcher's web API: caught mail at /api/user/<address>/messages/INBOX
              PUBLIC_BASE_URL (http://localhost:<API_PORT>)   where the links in alert mail point
              ALERTS_SPIKE_COOLDOWN (6h)   no second spike alert for a subscription within this
              ALERTS_MAX_PER_HOUR (10)   alert messages to one address (or webhook) per hour; more wait and go together
              ALERTS_MAX_FAILURES (8)   failed messages in a row after which a subscription is disabled
              ALERTS_DISPATCH_INTERVAL (250ms)   how often due messages are looked for
              ALERTS_CLAIM_LEASE (2m)   after a crash while sending, a message goes again after this
              ALERTS_WEBHOOK_ALLOW_PRIVATE (false)   allow webhooks to private and loopback addresses
              ALERTS_TOKEN_SECRET      signs the links in alert mail (unset: made once, kept in the database)
              TRACKTION_HOME           the data folder (.tracktion)
              TRACKTION_SKIP_BUILD=1   do not check whether the project must be rebuilt first
              JAVA_HOME                the Java (17 or newer) to run on, else java on the PATH
            """;

    private Arguments() {
    }

    /** @throws UsageException for anything but the documented commands and options */
    public static Command parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("No command given.");
        }
        String command = args.get(0);
        List<String> options = args.subList(1, args.size());
        switch (command) {
            case "help", "--help", "-h" -> {
                return Command.help();
            }
            case "up" -> {
                boolean simulate = false;
                for (String option : options) {
                    if (option.equals("--simulate")) {
                        simulate = true;
                    } else if (option.equals("--help") || option.equals("-h")) {
                        return Command.help();
                    } else {
                        throw new UsageException("Unknown option for up: " + option);
                    }
                }
                return Command.up(simulate);
            }
            case "backfill" -> {
                return backfill(options);
            }
            case "schemas" -> {
                if (options.size() == 1 && options.get(0).equals("register")) {
                    return Command.schemasRegister();
                }
                throw new UsageException("Usage: ./tracktion schemas register");
            }
            default -> throw new UsageException("Unknown command: " + command);
        }
    }

    private static Command backfill(List<String> options) throws UsageException {
        Instant from = null;
        Instant to = null;
        boolean simulate = false;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            switch (option) {
                case "--simulate" -> simulate = true;
                case "--from", "--to" -> {
                    if (i + 1 >= options.size()) {
                        throw new UsageException(option + " needs an instant, e.g. 2026-11-30T00:00:00Z");
                    }
                    Instant value = instant(option, options.get(++i));
                    if (option.equals("--from")) {
                        from = value;
                    } else {
                        to = value;
                    }
                }
                default -> throw new UsageException("Unknown option for backfill: " + option);
            }
        }
        if (from == null || to == null) {
            throw new UsageException("Usage: ./tracktion backfill --from <instant> --to <instant> [--simulate]");
        }
        if (!to.isAfter(from)) {
            throw new UsageException("backfill: --to must be after --from");
        }
        return Command.backfill(from, to, simulate);
    }

    private static Instant instant(String option, String text) throws UsageException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " must be an ISO-8601 UTC instant such as 2026-11-30T00:00:00Z, not '"
                    + text + "'");
        }
    }

    /** The command line is not one we understand; the message says which part. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }
}
