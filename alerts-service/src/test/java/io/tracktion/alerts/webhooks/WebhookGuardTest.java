package io.tracktion.alerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracktion.alerts.delivery.DeliveryException;
import io.tracktion.alerts.problem.InvalidRequestException;
import io.tracktion.problem.Problem;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which webhook URLs are refused, when subscribing and when sending. */
class WebhookGuardTest {

    /** Names the tests make up, each with its addresses; any other name is looked up for real. */
    private static final Map<String, String[]> NAMES = Map.of(
            "hooks.example.test", new String[] {"93.184.215.14"},
            "intranet.example.test", new String[] {"10.0.0.5"},
            "mixed.example.test", new String[] {"93.184.215.14", "127.0.0.1"},
            "metadata.example.test", new String[] {"fd00:ec2::254"});

    static InetAddress[] lookUp(String host) throws UnknownHostException {
        if (host.endsWith(".invalid")) {
            throw new UnknownHostException(host);
        }
        String[] made = NAMES.get(host);
        if (made == null) {
            return InetAddress.getAllByName(host);
        }
        InetAddress[] addresses = new InetAddress[made.length];
        for (int i = 0; i < made.length; i++) {
            addresses[i] = InetAddress.getByName(made[i]);
        }
        return addresses;
    }

    private final WebhookGuard strict = new WebhookGuard(false, WebhookGuardTest::lookUp);
    private final WebhookGuard allowingPrivate = new WebhookGuard(true, WebhookGuardTest::lookUp);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1/                       | must point at a public address, but 127.0.0.1 is loopback",
            "http://localhost/                       | must point at a public address, but localhost is loopback",
            "http://169.254.169.254/latest/meta-data | must point at a public address, but 169.254.169.254 is cloud metadata",
            "http://[::1]/                           | must point at a public address, but [::1] is loopback",
            "http://[::ffff:127.0.0.1]/              | must point at a public address, but [::ffff:127.0.0.1] is loopback",
            "http://10.1.2.3/                        | must point at a public address, but 10.1.2.3 is private",
            "http://0.0.0.0/                         | must point at a public address, but 0.0.0.0 is unspecified",
            "http://2130706433/                      | must point at a public address, but 2130706433 is loopback",
            "https://intranet.example.test/hook      | must point at a public address, but intranet.example.test is private",
            "https://mixed.example.test/hook         | must point at a public address, but mixed.example.test is loopback",
            "https://metadata.example.test/hook      | must point at a public address, but metadata.example.test is cloud metadata",
            "file:///etc/passwd                      | must use http or https",
            "ftp://example.com/                      | must use http or https",
            "http:/no-host                           | must name a host",
            "https://user:secret@example.com/        | must not contain a user name or password",
            "https://nowhere.invalid/                | host nowhere.invalid does not resolve",
    })
    void refusesWhatIsNotAPublicHttpUrl(String url, String detail) {
        assertThatThrownBy(() -> strict.check(URI.create(url)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .containsExactly(new Problem.FieldError("webhookUrl", detail)));
    }

    @Test
    void allowsAPublicHttpsUrl() throws Exception {
        strict.check(URI.create("https://hooks.example.test/services/T1/B2/xyz"));
        assertThat(strict.addressesToCall(URI.create("HTTP://hooks.example.test:8443/hook")))
                .containsExactly(InetAddress.getByName("93.184.215.14"));
    }

    @Test
    void allowsPrivateAddressesWhenConfiguredButStillOnlyHttp() throws Exception {
        allowingPrivate.check(URI.create("http://127.0.0.1:8080/hook"));
        assertThat(allowingPrivate.addressesToCall(URI.create("http://intranet.example.test/")))
                .containsExactly(InetAddress.getByName("10.0.0.5"));
        assertThatThrownBy(() -> allowingPrivate.check(URI.create("file:///etc/passwd")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> allowingPrivate.check(URI.create("http://nowhere.invalid/")))
                .hasMessageContaining("does not resolve");
    }

    @Test
    void aRefusalWhenSendingIsPermanent() {
        assertThatThrownBy(() -> strict.addressesToCall(URI.create("http://intranet.example.test/hook")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).isEqualTo(
                            "webhook URL refused: must point at a public address, but intranet.example.test is private");
                });
        assertThatThrownBy(() -> strict.addressesToCall(URI.create("gopher://hooks.example.test/")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue());
    }

    /** Unknown and DNS away look the same to Java: tried again, and the retries end it if it stays so. */
    @Test
    void aHostThatDoesNotResolveWhenSendingIsTriedAgain() {
        assertThatThrownBy(() -> strict.addressesToCall(URI.create("https://nowhere.invalid/hook")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.getMessage()).contains("nowhere.invalid does not resolve");
                });
    }
}
