package io.tracktion.e2e.benchmark;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tracktion.launcher.layout.Repo;
import io.tracktion.launcher.process.Ports;
import io.tracktion.launcher.process.ServiceProcess;
import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.RawSale;
import io.tracktion.schemas.RegistryAvroSerde;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseArtist;
import io.tracktion.schemas.ReleaseStatus;
import io.tracktion.schemas.SchemaRegistryConfig;
import io.tracktion.schemas.Topics;
import io.tracktion.testsupport.KafkaCluster;
import io.tracktion.testsupport.Postgres;
import io.tracktion.testsupport.SchemaRegistry;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Latency from a sale's raw record on Kafka to the SMTP server accepting the alert that names it (see BENCHMARKS.md):
 * the transformer and alerts-service run as their own processes from their packaged jars, as {@code ./tracktion up}
 * runs them, against an in-process broker, PostgreSQL, the registry and a GreenMail SMTP server. One subscriber
 * follows one artist with kind {@code sale}; raw sales of that artist are sent at {@code rate} a second for
 * {@code seconds}, each with its own title, and every mail is read as soon as the server has it.
 *
 * <p>Arguments: {@code rate seconds} (default 11 60: Bandcamp's peak, every sale alerting).
 * Run from e2e-tests after {@code mvn -B -ntp -DskipTests install} at the root.
 */
public final class AlertLatencyBenchmark {

    private static final Pattern ITEM = Pattern.compile("Benchmark item (\\d+)");
    private static final String ROOT = "https://benchmark-artist.bandcamp.com";
    private static final String RELEASE_URL = ROOT + "/album/latency";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AlertLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 11;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path work = Files.createTempDirectory("alert-latency");
        KafkaCluster kafka = new KafkaCluster();
        Postgres postgres = new Postgres();
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        List<ServiceProcess> services = new ArrayList<>();
        try {
            kafka.start();
            postgres.start();
            mail.start();
            SchemaRegistryConfig registry = SchemaRegistry.shared();
            int alertsPort = Ports.findFree();
            Map<String, String> env = new HashMap<>(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "DB_HOST", "localhost", "DB_PORT", String.valueOf(postgres.port()),
                    "DB_NAME", postgres.newDatabase(), "DB_USER", Postgres.USER, "DB_PASSWORD", Postgres.PASSWORD,
                    "SCHEMA_REGISTRY_URL", registry.url().toString(),
                    "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(mail.getSmtp().getPort())));
            env.put("ALERTS_PORT", String.valueOf(alertsPort));
            env.put("PUBLIC_BASE_URL", "http://127.0.0.1:" + alertsPort);
            env.put("ALERTS_MAX_PER_HOUR", "1000000"); // every sale alerts here: no cap, to time each of them
            env.put("TRANSFORMER_PORT", String.valueOf(Ports.findFree()));
            env.put("TRANSFORMER_STATE_DIR", work.resolve("transformer-state").toString());
            services.add(start("transformer-streams", env, "TRANSFORMER_PORT", work));
            services.add(start("alerts-service", env, "ALERTS_PORT", work));

            publishRelease(kafka, registry);
            subscribe(alertsPort, mail);
            System.out.printf("subscribed; sending %.0f sales a second for %d s%n", rate, seconds);
            Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            Thread reader = reader(mail, sentAt, latencies);
            send(kafka, registry, rate, seconds, sentAt);
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> latencies.size() >= (int) (rate * seconds));
            } catch (ConditionTimeoutException e) {
                // Reported below as fewer alerts than sales.
            }
            reader.interrupt();
            reader.join();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("alerts: %d of %d sales, %d messages; raw record to SMTP acceptance: p50 %d ms, p99 %d ms, "
                            + "max %d ms%n", sorted.size(), (int) (rate * seconds), mail.getReceivedMessages().length - 1,
                    percentile(sorted, 50), percentile(sorted, 99), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
        } finally {
            for (ServiceProcess service : services) {
                service.stop(Duration.ofSeconds(20));
            }
            mail.stop();
            kafka.stop();
            postgres.stop();
            System.exit(0); // the shared registry's process goes with the JVM
        }
    }

    private static ServiceProcess start(String module, Map<String, String> env, String portVariable, Path work)
            throws Exception {
        ServiceProcess process = ServiceProcess.start(module, Repo.locate().serviceJar(module), env,
                work.resolve(module + ".log"), List.of("-Xmx256m"));
        process.waitForHealth(URI.create("http://127.0.0.1:" + env.get(portVariable) + "/health"), Duration.ofSeconds(120));
        return process;
    }

    private static void publishRelease(KafkaCluster kafka, SchemaRegistryConfig registry) {
        Instant now = Instant.now();
        Release release = Release.newBuilder().setUrl(RELEASE_URL).setId(EntityIds.release(RELEASE_URL))
                .setStatus(ReleaseStatus.KNOWN).setFirstSeenAt(now).setFetchedAt(now).setHttpStatus(200)
                .setKind("album").setTitle("Latency")
                .setArtist(new ReleaseArtist(EntityIds.artist(ROOT), "Benchmark Artist", ROOT, null, null))
                .setGenre("electronic").setTags(List.of("ambient")).setKeywords(List.of()).setTracks(List.of())
                .setFormats(List.of()).build();
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            producer.send(new ProducerRecord<>(Topics.RELEASES.name(), RELEASE_URL,
                    RegistryAvroSerde.release(registry).serialize(Topics.RELEASES.name(), release)));
        }
    }

    /** Through the API and the confirmation mail, as a subscriber does. */
    private static void subscribe(int alertsPort, GreenMail mail) throws Exception {
        String body = "{\"email\": \"bench@example.com\", \"target\": {\"dimension\": \"artist\", \"url\": \"" + ROOT
                + "\"}, \"kinds\": [\"sale\"]}";
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alertsPort
                        + "/api/v1/subscriptions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 202) {
            throw new IllegalStateException("subscribe: " + created.statusCode() + " " + created.body());
        }
        if (!mail.waitForIncomingEmail(30_000, 1)) {
            throw new IllegalStateException("no confirmation mail");
        }
        Matcher link = Pattern.compile("http://\\S+/api/v1/subscriptions/confirm\\?token=[A-Za-z0-9_.-]+")
                .matcher(GreenMailUtil.getBody(mail.getReceivedMessages()[0]).replace("=\r\n", ""));
        if (!link.find()) {
            throw new IllegalStateException("no confirmation link");
        }
        HTTP.send(HttpRequest.newBuilder(URI.create(link.group())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads every new message as soon as the server has it; a sale's latency ends with the first that names it. */
    private static Thread reader(GreenMail mail, Map<Integer, Long> sentAt, List<Long> latencies) {
        Thread thread = new Thread(() -> {
            Set<Integer> seen = new HashSet<>();
            int read = 1; // the confirmation
            while (!Thread.currentThread().isInterrupted()) {
                MimeMessage[] messages = mail.getReceivedMessages();
                long now = System.nanoTime();
                for (; read < messages.length; read++) {
                    Matcher items = ITEM.matcher(GreenMailUtil.getBody(messages[read]));
                    while (items.find()) {
                        int item = Integer.parseInt(items.group(1));
                        Long sent = sentAt.get(item);
                        if (sent != null && seen.add(item)) {
                            latencies.add((now - sent) / 1_000_000);
                        }
                    }
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "mail-reader");
        thread.start();
        return thread;
    }

    private static void send(KafkaCluster kafka, SchemaRegistryConfig registry, double rate, int seconds,
                             Map<Integer, Long> sentAt) throws InterruptedException {
        RegistryAvroSerde<RawSale> serde = RegistryAvroSerde.rawSale(registry);
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            long interval = (long) (1e9 / rate);
            long next = System.nanoTime();
            for (int i = 0; i < rate * seconds; i++) {
                while (System.nanoTime() < next) {
                    Thread.sleep(0, 200_000);
                }
                next += interval;
                Instant soldAt = Instant.now();
                String time = soldAt.getEpochSecond() + "." + String.format("%06d", soldAt.getNano() / 1000);
                // The feed's own shape; utc_date as the feed writes it, seconds with a fraction.
                String item = "{\"utc_date\": " + time + ", \"artist_name\": \"Benchmark Artist\", \"item_type\": \"a\", "
                        + "\"item_description\": \"Benchmark item " + i + "\", \"slug_type\": \"a\", \"currency\": \"USD\", "
                        + "\"amount_paid\": 7, \"item_price\": 7, \"amount_paid_usd\": 7, \"country\": \"Germany\", "
                        + "\"country_code\": \"de\", \"url\": \"" + RELEASE_URL.replace("https:", "") + "\"}";
                String id = "bench-" + i;
                RawSale sale = RawSale.newBuilder().setSaleId(id).setEventId("cart-" + i).setEventType("sale")
                        .setEventUtcDate(time).setItemIndex(0).setCartSize(1)
                        .setWindowStartDate(soldAt.getEpochSecond() - 60).setWindowEndDate(soldAt.getEpochSecond())
                        .setServerTime(soldAt.getEpochSecond()).setDataDelaySec(0).setFeedBaseUrl("https://bandcamp.com")
                        .setFetchedAt(soldAt).setItemJson(item).build();
                sentAt.put(i, System.nanoTime());
                producer.send(new ProducerRecord<>(Topics.RAW_SALES.name(), id, serde.serialize(Topics.RAW_SALES.name(), sale)));
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(KafkaCluster kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
