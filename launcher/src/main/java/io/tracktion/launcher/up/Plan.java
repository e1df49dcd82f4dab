package io.tracktion.launcher.up;

import io.tracktion.launcher.LaunchException;
import io.tracktion.launcher.config.Settings;
import io.tracktion.launcher.layout.DataHome;
import io.tracktion.launcher.layout.Repo;
import io.tracktion.launcher.mail.MailCatcher;
import io.tracktion.schemas.SchemaRegistryConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code up} will run and with which settings: the user's environment where set, the launcher's
 * defaults elsewhere. Holds the database password, so it has no {@code toString}.
 */
public final class Plan {

    static final String DEFAULT_SIM_SALES_PER_MINUTE = "120";
    static final String DEFAULT_SIM_POLL_INTERVAL = "5s";
    /** In {@code --simulate}, the ingestor may ask the local simulator this often (Bandcamp: its default, 1). */
    static final String DEFAULT_SIM_REQUESTS_PER_SECOND = "20";

    private final Settings settings;
    private final Repo repo;
    private final DataHome home;
    private final boolean simulate;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final int dbPort;
    private final int simPort;
    private final int registryPort;
    private final int registryManagementPort;
    private final int smtpPort;
    private final int mailCatcherPort;
    private final Map<Service, Integer> servicePorts = new LinkedHashMap<>();

    public Plan(Settings settings, Repo repo, boolean simulate) throws LaunchException {
        this.settings = settings;
        this.repo = repo;
        // TRACKTION_HOME, if set, is resolved against the repository (the launcher's working directory).
        this.home = settings.userValue("TRACKTION_HOME").map(dir -> new DataHome(repo.root().resolve(dir)))
                .orElse(DataHome.in(repo));
        this.simulate = simulate;
        this.kafkaPort = settings.port("KAFKA_PORT", 9092);
        this.kafkaControllerPort = settings.port("KAFKA_CONTROLLER_PORT", 9093);
        this.dbPort = settings.port("DB_PORT", 5432);
        this.simPort = settings.port("SIM_PORT", 8090);
        this.registryPort = settings.port("SCHEMA_REGISTRY_PORT", 8085);
        this.registryManagementPort = settings.port("SCHEMA_REGISTRY_MANAGEMENT_PORT", 8086);
        this.smtpPort = settings.port("SMTP_PORT", 2525);
        this.mailCatcherPort = settings.port("MAIL_CATCHER_PORT", 8095);
        for (Service service : Service.ALL) {
            servicePorts.put(service, settings.port(service.portVariable(), service.defaultPort()));
        }
    }

    public Repo repo() {
        return repo;
    }

    public DataHome home() {
        return home;
    }

    public boolean simulate() {
        return simulate;
    }

    /** Start our own broker unless the user points at a Kafka. */
    public boolean startsKafka() {
        return !settings.isSet("KAFKA_BOOTSTRAP_SERVERS");
    }

    /** Start our own PostgreSQL unless the user points at one. */
    public boolean startsPostgres() {
        return !settings.isSet("DB_HOST");
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int kafkaControllerPort() {
        return kafkaControllerPort;
    }

    public String kafkaBootstrapServers() {
        return settings.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + kafkaPort);
    }

    /** For the product's topics: 1 on our own broker, KAFKA_REPLICATION_FACTOR on a Kafka the user points at. */
    public short kafkaReplicationFactor() throws LaunchException {
        String value = startsKafka() ? "1" : settings.get("KAFKA_REPLICATION_FACTOR", "1");
        try {
            short factor = Short.parseShort(value);
            if (factor >= 1) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LaunchException("KAFKA_REPLICATION_FACTOR must be a positive number, not '" + value + "'.");
    }

    public String dbHost() {
        return settings.get("DB_HOST", "localhost");
    }

    public int dbPort() {
        return dbPort;
    }

    public String dbName() {
        return settings.get("DB_NAME", "tracktion");
    }

    public String dbUser() {
        return settings.get("DB_USER", "tracktion");
    }

    public String dbPassword() {
        return settings.get("DB_PASSWORD", "tracktion");
    }

    /** Start our own schema registry unless the user points at one. */
    public boolean startsRegistry() {
        return !settings.isSet(SchemaRegistryConfig.URL_VARIABLE);
    }

    public int registryPort() {
        return registryPort;
    }

    public int registryManagementPort() {
        return registryManagementPort;
    }

    /** The registry's own database, beside {@link #dbName()} in the same PostgreSQL. */
    public String registryDbName() {
        return settings.get("REGISTRY_DB_NAME", "tracktion_registry");
    }

    /** The registry every service is pointed at: the user's, or the one we start (on 127.0.0.1 only). */
    public SchemaRegistryConfig schemaRegistry() throws LaunchException {
        return startsRegistry() ? SchemaRegistryConfig.of("http://127.0.0.1:" + registryPort)
                : SchemasCommand.registryOf(settings);
    }

    /** Where {@link #startsRegistry()} finds Apicurio Registry and a Java 21+ for it: what {@code env} says. */
    public Map<String, String> environment() {
        return settings.environment();
    }

    public int simPort() {
        return simPort;
    }

    public String simulatorUrl() {
        return "http://127.0.0.1:" + simPort;
    }

    public int port(Service service) {
        return servicePorts.get(service);
    }

    /** Start our own mail catcher unless the user points at a mail server. */
    public boolean startsMailCatcher() {
        return !settings.isSet("SMTP_HOST");
    }

    /** Where the services send mail: the user's server, or the mail catcher. */
    public String smtpHost() {
        return settings.get("SMTP_HOST", MailCatcher.HOST);
    }

    /** The user's server's port, or the mail catcher's. */
    public int smtpPort() {
        return smtpPort;
    }

    public int mailCatcherPort() {
        return mailCatcherPort;
    }

    public MailCatcher mailCatcher() {
        return new MailCatcher(repo.mailCatcherJar(), smtpPort, mailCatcherPort);
    }

    /** Where the links in alert mail point: the API gateway, which forwards them to the alerts service. */
    public String publicBaseUrl() {
        return settings.get("PUBLIC_BASE_URL", "http://localhost:" + port(Service.API_GATEWAY));
    }

    /** The simulator's environment on top of the user's: SIM_PORT, and a lively demo rate unless set. */
    public Map<String, String> simulatorEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SIM_PORT", String.valueOf(simPort));
        env.put("SIM_SALES_PER_MINUTE", settings.get("SIM_SALES_PER_MINUTE", DEFAULT_SIM_SALES_PER_MINUTE));
        return env;
    }

    /**
     * Every service's environment on top of the user's: where Kafka, PostgreSQL and the mail server are, ports,
     * state dir, URLs.
     */
    public Map<String, String> serviceEnvironment() throws LaunchException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(SchemaRegistryConfig.URL_VARIABLE, schemaRegistry().url().toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        env.put("DB_HOST", dbHost());
        env.put("DB_PORT", String.valueOf(dbPort));
        env.put("DB_NAME", dbName());
        env.put("DB_USER", dbUser());
        env.put("DB_PASSWORD", dbPassword());
        servicePorts.forEach((service, port) -> env.put(service.portVariable(), String.valueOf(port)));
        env.put("ALERTS_URL", settings.get("ALERTS_URL", "http://127.0.0.1:" + port(Service.ALERTS)));
        env.put("PUBLIC_BASE_URL", publicBaseUrl());
        // A mail server of the user's is left to the SMTP_* variables the services inherit, untouched.
        if (startsMailCatcher()) {
            env.put("SMTP_HOST", MailCatcher.HOST);
            env.put("SMTP_PORT", String.valueOf(smtpPort));
        }
        env.put("TRANSFORMER_STATE_DIR", settings.get("TRANSFORMER_STATE_DIR", home.transformerStateDir().toString()));
        if (simulate) {
            env.put("BANDCAMP_BASE_URL", settings.get("BANDCAMP_BASE_URL", simulatorUrl()));
            env.put("BANDCAMP_POLL_INTERVAL", settings.get("BANDCAMP_POLL_INTERVAL", DEFAULT_SIM_POLL_INTERVAL));
            // Release pages come from the simulator too, and it may be asked faster than Bandcamp.
            env.put("BANDCAMP_PAGES_URL", settings.get("BANDCAMP_PAGES_URL", simulatorUrl() + "/_pages"));
            env.put("BANDCAMP_REQUESTS_PER_SECOND", settings.get("BANDCAMP_REQUESTS_PER_SECOND", DEFAULT_SIM_REQUESTS_PER_SECOND));
        }
        return env;
    }
}
