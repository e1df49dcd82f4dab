package io.tracktion.launcher.up;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracktion.launcher.LaunchException;
import io.tracktion.launcher.config.Settings;
import io.tracktion.launcher.layout.Repo;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTest {

    private static final Path REPO = Path.of("/srv/tracktion");

    private static Plan plan(Map<String, String> env, boolean simulate) throws Exception {
        return new Plan(new Settings(env), new Repo(REPO), simulate);
    }

    @Test
    void defaultsPointServicesAtTheStartedKafkaAndPostgres() throws Exception {
        Plan plan = plan(Map.of(), false);
        assertTrue(plan.startsKafka());
        assertTrue(plan.startsPostgres());
        Map<String, String> env = plan.serviceEnvironment();
        assertEquals("localhost:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("localhost", env.get("DB_HOST"));
        assertEquals("5432", env.get("DB_PORT"));
        assertEquals("tracktion", env.get("DB_NAME"));
        assertEquals("tracktion", env.get("DB_USER"));
        assertEquals("tracktion", env.get("DB_PASSWORD"));
        assertEquals("8080", env.get("API_PORT"));
        assertEquals("8081", env.get("INGESTOR_PORT"));
        assertEquals("8082", env.get("TRANSFORMER_PORT"));
        assertEquals("8083", env.get("LOADER_PORT"));
        assertEquals("8084", env.get("ALERTS_PORT"));
        assertEquals(REPO.resolve(".tracktion/state/transformer").toString(), env.get("TRANSFORMER_STATE_DIR"));
        assertFalse(env.containsKey("BANDCAMP_BASE_URL"), "live mode leaves the feed URL to the ingestor's default");
        assertFalse(env.containsKey("BANDCAMP_PAGES_URL"), "live mode fetches release pages at their own URLs");
        assertTrue(plan.startsRegistry());
        assertEquals("http://127.0.0.1:8085", env.get("SCHEMA_REGISTRY_URL"));
        assertEquals(8086, plan.registryManagementPort());
        assertEquals("tracktion_registry", plan.registryDbName());
    }

    @Test
    void aUserRegistryIsUsedInsteadOfStartingOurs() throws Exception {
        Plan plan = plan(Map.of("SCHEMA_REGISTRY_URL", "http://registry.internal:8080/"), false);
        assertFalse(plan.startsRegistry());
        assertEquals("http://registry.internal:8080", plan.serviceEnvironment().get("SCHEMA_REGISTRY_URL"));
        Plan moved = plan(Map.of("SCHEMA_REGISTRY_PORT", "18085", "REGISTRY_DB_NAME", "schemas"), false);
        assertEquals("http://127.0.0.1:18085", moved.serviceEnvironment().get("SCHEMA_REGISTRY_URL"));
        assertEquals("schemas", moved.registryDbName());
        assertThrows(LaunchException.class,
                () -> plan(Map.of("SCHEMA_REGISTRY_URL", "registry:8080"), false).serviceEnvironment());
    }

    @Test
    void kafkaPortMovesTheBootstrapAddress() throws Exception {
        assertEquals("localhost:19092",
                plan(Map.of("KAFKA_PORT", "19092"), false).serviceEnvironment().get("KAFKA_BOOTSTRAP_SERVERS"));
    }

    @Test
    void userKafkaAndPostgresAreUsedInsteadOfStartingOurs() throws Exception {
        Plan plan = plan(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:29092", "DB_HOST", "db", "DB_PORT", "6543",
                "DB_PASSWORD", "s3cret", "KAFKA_REPLICATION_FACTOR", "3"), false);
        assertFalse(plan.startsKafka());
        assertFalse(plan.startsPostgres());
        assertEquals(3, plan.kafkaReplicationFactor());
        Map<String, String> env = plan.serviceEnvironment();
        assertEquals("kafka:29092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("db", env.get("DB_HOST"));
        assertEquals("6543", env.get("DB_PORT"));
        assertEquals("s3cret", env.get("DB_PASSWORD"));
    }

    @Test
    void ourOwnBrokerAlwaysGetsOneReplica() throws Exception {
        assertEquals(1, plan(Map.of("KAFKA_REPLICATION_FACTOR", "3"), false).kafkaReplicationFactor());
    }

    @Test
    void simulatePointsTheIngestorAtTheSimulator() throws Exception {
        Plan plan = plan(Map.of("SIM_PORT", "9999"), true);
        Map<String, String> env = plan.serviceEnvironment();
        assertEquals("http://127.0.0.1:9999", env.get("BANDCAMP_BASE_URL"));
        assertEquals("5s", env.get("BANDCAMP_POLL_INTERVAL"));
        assertEquals("http://127.0.0.1:9999/_pages", env.get("BANDCAMP_PAGES_URL"));
        assertEquals("20", env.get("BANDCAMP_REQUESTS_PER_SECOND"));
        assertEquals(Map.of("SIM_PORT", "9999", "SIM_SALES_PER_MINUTE", "120"), plan.simulatorEnvironment());
    }

    @Test
    void userSettingsWinInSimulateMode() throws Exception {
        Plan plan = plan(Map.of("BANDCAMP_BASE_URL", "http://elsewhere:1", "BANDCAMP_POLL_INTERVAL", "30s",
                "SIM_SALES_PER_MINUTE", "5", "TRANSFORMER_STATE_DIR", "/tmp/streams"), true);
        Map<String, String> env = plan.serviceEnvironment();
        assertEquals("http://elsewhere:1", env.get("BANDCAMP_BASE_URL"));
        assertEquals("30s", env.get("BANDCAMP_POLL_INTERVAL"));
        assertEquals("/tmp/streams", env.get("TRANSFORMER_STATE_DIR"));
        assertEquals("5", plan.simulatorEnvironment().get("SIM_SALES_PER_MINUTE"));
    }

    @Test
    void dataLivesInDotTracktionUnlessTracktionHomeIsSet() throws Exception {
        assertEquals(REPO.resolve(".tracktion"), plan(Map.of(), false).home().dir());
        assertEquals(Path.of("/data/tt"), plan(Map.of("TRACKTION_HOME", "/data/tt"), false).home().dir());
        assertEquals(REPO.resolve("demo"), plan(Map.of("TRACKTION_HOME", "demo"), false).home().dir(),
                "a relative TRACKTION_HOME is resolved against the repository");
        assertEquals("/data/tt/state/transformer",
                plan(Map.of("TRACKTION_HOME", "/data/tt"), false).serviceEnvironment().get("TRANSFORMER_STATE_DIR"));
    }

    @Test
    void withoutSmtpHostTheServicesSendToTheStartedMailCatcher() throws Exception {
        Plan plan = plan(Map.of(), false);
        assertTrue(plan.startsMailCatcher());
        Map<String, String> env = plan.serviceEnvironment();
        assertEquals("127.0.0.1", env.get("SMTP_HOST"));
        assertEquals("2525", env.get("SMTP_PORT"));
        assertEquals(8095, plan.mailCatcherPort());
        assertEquals(URI.create("http://127.0.0.1:8095/api/service/readiness"), plan.mailCatcher().readinessUrl());
        assertEquals(URI.create("http://127.0.0.1:8095/api/user/you@example.com/messages/INBOX"),
                plan.mailCatcher().inboxUrl("you@example.com"));

        Plan moved = plan(Map.of("SMTP_PORT", "12525", "MAIL_CATCHER_PORT", "18095", "SMTP_HOST", " "), false);
        assertTrue(moved.startsMailCatcher(), "a blank SMTP_HOST counts as unset");
        Map<String, String> movedEnv = moved.serviceEnvironment();
        assertEquals("127.0.0.1", movedEnv.get("SMTP_HOST"));
        assertEquals("12525", movedEnv.get("SMTP_PORT"));
        List<String> command = moved.mailCatcher().command();
        assertTrue(command.contains("-Dgreenmail.smtp.port=12525"), command.toString());
        assertTrue(command.contains("-Dgreenmail.api.port=18095"), command.toString());
        assertEquals(List.of("-jar", REPO.resolve("launcher/target/mail-catcher/greenmail-standalone.jar").toString()),
                command.subList(command.size() - 2, command.size()));
    }

    @Test
    void aUserMailServerIsLeftToTheVariablesTheServicesInherit() throws Exception {
        Plan plan = plan(Map.of("SMTP_HOST", "smtp.example.com", "SMTP_PORT", "587", "SMTP_USER", "alerts",
                "SMTP_PASSWORD", "s3cret", "SMTP_STARTTLS", "true"), false);
        assertFalse(plan.startsMailCatcher());
        assertEquals("smtp.example.com", plan.smtpHost());
        assertEquals(587, plan.smtpPort());
        Map<String, String> env = plan.serviceEnvironment();
        for (String variable : List.of("SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "SMTP_STARTTLS")) {
            assertFalse(env.containsKey(variable), variable + " is not overridden");
        }
    }

    @Test
    void linksInMailPointAtTheApiGatewayUnlessPublicBaseUrlIsSet() throws Exception {
        assertEquals("http://localhost:8080", plan(Map.of(), false).serviceEnvironment().get("PUBLIC_BASE_URL"));
        assertEquals("http://localhost:18080",
                plan(Map.of("API_PORT", "18080"), false).serviceEnvironment().get("PUBLIC_BASE_URL"));
        assertEquals("https://tracktion.example.com", plan(Map.of("PUBLIC_BASE_URL", "https://tracktion.example.com"),
                false).serviceEnvironment().get("PUBLIC_BASE_URL"));
    }

    @Test
    void theGatewayFindsTheAlertsServiceAtAlertsUrl() throws Exception {
        assertEquals("http://127.0.0.1:8084", plan(Map.of(), false).serviceEnvironment().get("ALERTS_URL"));
        assertEquals("http://127.0.0.1:18084",
                plan(Map.of("ALERTS_PORT", "18084"), false).serviceEnvironment().get("ALERTS_URL"));
    }

    @Test
    void servicesStartConsumersFirstAndTheIngestorLast() {
        assertEquals(List.of("loader-service", "transformer-streams", "alerts-service", "api-gateway",
                "ingestor-service"), Service.ALL.stream().map(Service::module).toList());
    }
}
