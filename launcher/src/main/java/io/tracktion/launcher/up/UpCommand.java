package io.tracktion.launcher.up;

import io.tracktion.launcher.LaunchException;
import io.tracktion.launcher.kafka.KafkaBroker;
import io.tracktion.launcher.kafka.KafkaTopics;
import io.tracktion.launcher.layout.DataHome;
import io.tracktion.launcher.layout.Repo;
import io.tracktion.launcher.mail.MailCatcher;
import io.tracktion.launcher.postgres.PostgresServer;
import io.tracktion.launcher.process.NotHealthyException;
import io.tracktion.launcher.process.Ports;
import io.tracktion.launcher.process.ServiceProcess;
import io.tracktion.registry.RegistryDistribution;
import io.tracktion.registry.RegistryException;
import io.tracktion.registry.RegistryJava;
import io.tracktion.registry.RegistryServer;
import io.tracktion.registry.SchemaRegistrar;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./tracktion up}: starts Kafka, PostgreSQL, the schema registry, (the simulator,) the mail catcher and
 * the services in order, each waited for, then watches them until Ctrl-C or until one of them exits.
 */
public final class UpCommand {

    private static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    private static final List<String> SERVICE_JVM_ARGS = List.of("-Xmx256m");
    private static final int LOG_TAIL_LINES = 30;
    /** The subscriber in the welcome's example, whose caught mail it shows how to read. */
    private static final String EXAMPLE_EMAIL = "you@example.com";

    private final Plan plan;
    private final Repo repo;
    private final DataHome home;
    private final Console console;
    private final Supervisor supervisor;
    private PostgresServer postgres;

    public UpCommand(Plan plan, Console console, Supervisor supervisor) {
        this.plan = plan;
        this.repo = plan.repo();
        this.home = plan.home();
        this.console = console;
        this.supervisor = supervisor;
    }

    /** Starts everything and watches it; returns only on failure, with the exit code (Ctrl-C exits the JVM). */
    public int run() throws LaunchException, IOException, InterruptedException {
        requireJars();
        RegistryJava.Jdk registryJava = plan.startsRegistry() ? registryJava() : null;
        requireFreePorts();
        Files.createDirectories(home.logsDir());
        console.line("Tracktion: data in " + home.dir());
        startKafka();
        startPostgres();
        if (plan.startsRegistry()) {
            startRegistry(registryJava);
        }
        registerSchemas();
        if (plan.simulate()) {
            startSimulator();
        }
        if (plan.startsMailCatcher()) {
            startMailCatcher();
        }
        for (Service service : Service.ALL) {
            startService(service);
        }
        printWelcome();
        return watch();
    }

    /** Fails before anything starts if a jar is missing, saying how to build it. */
    private void requireJars() throws LaunchException {
        List<Path> jars = new ArrayList<>();
        if (plan.startsKafka()) {
            jars.add(repo.kafkaLibDir());
        }
        if (plan.simulate()) {
            jars.add(repo.simulatorJar());
        }
        if (plan.startsRegistry()) {
            jars.add(registryDistribution().runJar());
        }
        if (plan.startsMailCatcher()) {
            jars.add(repo.mailCatcherJar());
        }
        Service.ALL.forEach(service -> jars.add(repo.serviceJar(service.module())));
        List<Path> missing = jars.stream().filter(jar -> !Files.exists(jar)).toList();
        if (!missing.isEmpty()) {
            throw new LaunchException("Not built yet: " + String.join(", ",
                    missing.stream().map(jar -> repo.root().relativize(jar).toString()).toList())
                    + System.lineSeparator() + "Build the project with `mvn -B -q -DskipTests install` in "
                    + repo.root() + " (./tracktion does this itself unless TRACKTION_SKIP_BUILD=1 is set).");
        }
    }

    private void startKafka() throws LaunchException, InterruptedException {
        ServiceProcess brokerProcess = null;
        if (plan.startsKafka()) {
            console.step("Starting Kafka broker on " + plan.kafkaBootstrapServers());
            KafkaBroker broker = new KafkaBroker(repo.kafkaLibDir(), home.kafkaDir(), home.logFile("kafka"),
                    plan.kafkaPort(), plan.kafkaControllerPort());
            start("Kafka broker", () -> {
                broker.start();
                return broker;
            }, started -> {
                if (!started.stop()) {
                    console.line("  The Kafka broker did not stop in time: killed.");
                }
            });
            brokerProcess = broker.process();
            supervisor.watch(brokerProcess);
        } else {
            console.step("Connecting to Kafka at " + plan.kafkaBootstrapServers());
        }
        try (KafkaTopics topics = new KafkaTopics(plan.kafkaBootstrapServers(), plan.kafkaReplicationFactor())) {
            topics.awaitReady(brokerProcess, KAFKA_READY_TIMEOUT);
            List<String> created = topics.createMissing(Topics.ALL);
            console.ready(created.isEmpty() ? "topics present" : "created topics " + String.join(", ", created));
        }
    }

    private void startPostgres() throws LaunchException, InterruptedException {
        if (!plan.startsPostgres()) {
            console.line("Using PostgreSQL at " + plan.dbHost() + ":" + plan.dbPort() + ", database " + plan.dbName());
            return;
        }
        console.step("Starting PostgreSQL 17 on localhost:" + plan.dbPort());
        postgres = start("PostgreSQL",
                () -> PostgresServer.start(home.postgresDataDir(), plan.dbPort(), home.logFile("postgres")),
                PostgresServer::stop);
        try {
            postgres.ensureRoleAndDatabase(plan.dbUser(), plan.dbPassword(), plan.dbName());
        } catch (SQLException e) {
            throw new LaunchException("Could not create role " + plan.dbUser() + " and database " + plan.dbName()
                    + " in PostgreSQL: " + e.getMessage(), e);
        }
        console.ready("database " + plan.dbName() + ", user " + plan.dbUser());
    }

    /** Fails at once, before anything starts, if there is no Java 21+ for the registry, saying what to install. */
    private RegistryJava.Jdk registryJava() throws LaunchException {
        try {
            return RegistryJava.find(plan.environment());
        } catch (RegistryException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }

    private RegistryDistribution registryDistribution() {
        return RegistryDistribution.inRepo(repo.root());
    }

    /**
     * Apicurio Registry on 127.0.0.1, its schemas in a PostgreSQL database of its own (created beside ours when we
     * run PostgreSQL), so schema ids survive restarts.
     */
    private void startRegistry(RegistryJava.Jdk java) throws LaunchException, InterruptedException {
        String database = plan.registryDbName();
        if (plan.startsPostgres()) {
            try {
                postgres.ensureRoleAndDatabase(plan.dbUser(), plan.dbPassword(), database);
            } catch (SQLException e) {
                throw new LaunchException("Could not create database " + database + " for the schema registry: "
                        + e.getMessage(), e);
            }
        }
        String jdbcUrl = "jdbc:postgresql://" + plan.dbHost() + ":" + plan.dbPort() + "/" + database;
        RegistryServer server = new RegistryServer(registryDistribution(), java, plan.registryPort(),
                plan.registryManagementPort(), new RegistryServer.PostgresStorage(jdbcUrl, plan.dbUser(), plan.dbPassword()));
        console.step("Starting schema registry (Apicurio Registry, Java " + java.version() + ") on " + server.url());
        ServiceProcess process = start("schema registry",
                () -> ServiceProcess.startCommand("schema registry", server.command(), server.environment(),
                        registryDistribution().dir(), home.logFile("schema-registry")),
                started -> stop(started, SERVICE_STOP_GRACE));
        supervisor.watch(process);
        waitForHealth(process, server.readinessUrl());
        console.ready("schemas in database " + database);
    }

    /** What {@code ./tracktion schemas register} does, before any producer starts. */
    private void registerSchemas() throws LaunchException, InterruptedException {
        SchemaRegistryConfig registry = plan.schemaRegistry();
        if (!plan.startsRegistry()) {
            console.line("Using the schema registry at " + registry.url());
        }
        console.step("Registering schemas");
        List<SchemaRegistrar.Registered> versions = SchemasCommand.registerAll(registry);
        console.ready(versions.size() + " versions of " + versions.stream().map(SchemaRegistrar.Registered::subject)
                .distinct().count() + " subjects");
    }

    private void startSimulator() throws LaunchException, InterruptedException {
        console.step("Starting Bandcamp simulator on " + plan.simulatorUrl());
        startJava("bandcamp-simulator", repo.simulatorJar(), plan.simulatorEnvironment(), plan.simPort());
        console.ready(plan.simulatorEnvironment().get("SIM_SALES_PER_MINUTE") + " sales/min");
    }

    /** GreenMail on 127.0.0.1, so that alert mail can be read without a mail server (SMTP_HOST). */
    private void startMailCatcher() throws LaunchException, InterruptedException {
        MailCatcher catcher = plan.mailCatcher();
        console.step("Starting mail catcher (GreenMail) on smtp://" + MailCatcher.HOST + ":" + plan.smtpPort());
        ServiceProcess process = start("mail catcher",
                () -> ServiceProcess.startCommand("mail catcher", catcher.command(), Map.of(), home.dir(),
                        home.logFile("mail-catcher")),
                started -> stop(started, SERVICE_STOP_GRACE));
        supervisor.watch(process);
        waitForHealth(process, catcher.readinessUrl());
        console.ready("caught mail at " + catcher.apiUrl());
    }

    private void startService(Service service) throws LaunchException, InterruptedException {
        int port = plan.port(service);
        console.step("Starting " + service.module() + " on http://localhost:" + port);
        startJava(service.module(), repo.serviceJar(service.module()), plan.serviceEnvironment(), port);
        console.ready("");
    }

    /** Runs {@code java -Xmx256m -jar jar}, waits until it answers {@code /health} on {@code port}, checks the others. */
    private void startJava(String name, Path jar, Map<String, String> environment, int port)
            throws LaunchException, InterruptedException {
        ServiceProcess process = start(name,
                () -> ServiceProcess.start(name, jar, environment, home.logFile(name), SERVICE_JVM_ARGS),
                started -> stop(started, SERVICE_STOP_GRACE));
        supervisor.watch(process);
        waitForHealth(process, URI.create("http://127.0.0.1:" + port + "/health"));
        Optional<ServiceProcess> died = supervisor.firstExited();
        if (died.isPresent()) {
            throw new LaunchException(stoppedUnexpectedly(died.get()));
        }
    }

    /** {@link ServiceProcess#waitForHealth}; its failure, which shows the tail of the process's log, ends {@code up}. */
    private static void waitForHealth(ServiceProcess process, URI url) throws LaunchException, InterruptedException {
        try {
            process.waitForHealth(url, HEALTH_TIMEOUT);
        } catch (NotHealthyException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }

    /** {@link Supervisor#start}, with any failure but ours and an interrupt told as "Could not start X: why". */
    private <T> T start(String name, Supervisor.Starter<T> starter, Supervisor.Stopper<? super T> stopper)
            throws LaunchException, InterruptedException {
        try {
            return supervisor.start(name, starter, stopper);
        } catch (LaunchException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new LaunchException("Could not start " + name + ": " + e.getMessage()
                    + " (logs: " + home.logsDir() + ")", e);
        }
    }

    private void stop(ServiceProcess process, Duration grace) {
        if (!process.stop(grace)) {
            console.line("  " + process.name() + " did not stop within " + grace.toSeconds() + " s: killed.");
        }
    }

    /** Fails before anything starts if a port we are about to listen on is taken, saying which and what to do. */
    private void requireFreePorts() throws LaunchException {
        if (plan.startsKafka()) {
            requireFreePort(plan.kafkaPort(), "KAFKA_PORT", "Is Kafka or Tracktion already running? "
                    + "Stop it, or set KAFKA_PORT (and KAFKA_CONTROLLER_PORT) to other ports.");
            requireFreePort(plan.kafkaControllerPort(), "KAFKA_CONTROLLER_PORT",
                    "Set KAFKA_CONTROLLER_PORT to another port.");
        }
        if (plan.startsPostgres()) {
            requireFreePort(plan.dbPort(), "DB_PORT", "Is a PostgreSQL already running here? "
                    + "Set DB_PORT to another port (e.g. DB_PORT=5433), or DB_HOST to use that server.");
        }
        if (plan.simulate()) {
            requireFreePort(plan.simPort(), "SIM_PORT", "Set SIM_PORT to another port.");
        }
        if (plan.startsRegistry()) {
            requireFreePort(plan.registryPort(), "SCHEMA_REGISTRY_PORT", "Set SCHEMA_REGISTRY_PORT to another port, "
                    + "or SCHEMA_REGISTRY_URL to use a registry that runs already.");
            requireFreePort(plan.registryManagementPort(), "SCHEMA_REGISTRY_MANAGEMENT_PORT",
                    "Set SCHEMA_REGISTRY_MANAGEMENT_PORT to another port.");
        }
        if (plan.startsMailCatcher()) {
            requireFreePort(plan.smtpPort(), "SMTP_PORT", "Is a mail catcher or Tracktion already running? "
                    + "Set SMTP_PORT to another port, or SMTP_HOST to send mail through that server.");
            requireFreePort(plan.mailCatcherPort(), "MAIL_CATCHER_PORT", "Set MAIL_CATCHER_PORT to another port.");
        }
        for (Service service : Service.ALL) {
            requireFreePort(plan.port(service), service.portVariable(),
                    "Set " + service.portVariable() + " to another port.");
        }
    }

    private static void requireFreePort(int port, String variable, String hint) throws LaunchException {
        if (!Ports.isFree(port)) {
            throw new LaunchException("Port " + port + " (" + variable + ") is already in use. " + hint);
        }
    }

    private void printWelcome() throws LaunchException {
        String schemaRegistryUrl = plan.schemaRegistry().url().toString();
        int apiPort = plan.port(Service.API_GATEWAY);
        console.line("");
        console.line("Tracktion is running" + (plan.simulate() ? " against the Bandcamp simulator." : "."));
        console.line("  Dashboard and API:  http://localhost:" + apiPort + "/");
        console.line("  Example queries:    curl http://localhost:" + apiPort + "/api/v1/stats/summary");
        console.line("                      curl http://localhost:" + apiPort + "/health");
        console.line("  Schema registry:    " + schemaRegistryUrl + "  (Confluent API: " + schemaRegistryUrl
                + "/apis/ccompat/v7)");
        console.line("                      curl " + schemaRegistryUrl + "/apis/ccompat/v7/subjects");
        console.line("  Alerts:             curl -X POST http://localhost:" + apiPort + "/api/v1/subscriptions"
                + " -H 'Content-Type: application/json' \\");
        console.line("                        -d '{\"email\":\"" + EXAMPLE_EMAIL
                + "\",\"target\":{\"dimension\":\"store\"}}'");
        if (plan.startsMailCatcher()) {
            console.line("  Caught mail:        curl " + plan.mailCatcher().inboxUrl(EXAMPLE_EMAIL));
        } else {
            console.line("  Mail:               sent through " + plan.smtpHost() + ":" + plan.smtpPort() + " (SMTP_HOST)");
        }
        console.line("  Logs:               " + home.logsDir());
        console.line("Press Ctrl-C to stop.");
    }

    /** Blocks until a child exits by itself (returns 1) or Ctrl-C (the shutdown hook ends the JVM). */
    private int watch() throws InterruptedException {
        while (true) {
            Thread.sleep(WATCH_INTERVAL.toMillis());
            Optional<ServiceProcess> exited = supervisor.firstExited();
            if (exited.isPresent()) {
                console.line(stoppedUnexpectedly(exited.get()));
                return 1;
            }
        }
    }

    private static String stoppedUnexpectedly(ServiceProcess process) {
        return process.failureReport(process.name() + " stopped unexpectedly (exit code " + process.exitCode() + ").",
                LOG_TAIL_LINES);
    }
}
