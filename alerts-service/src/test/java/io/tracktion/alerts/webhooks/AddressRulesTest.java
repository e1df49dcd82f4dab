package io.tracktion.alerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a webhook may reach, at the edges of each range. */
class AddressRulesTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.255.255.254, loopback",
            "0.0.0.0, unspecified", "0.1.2.3, unspecified",
            "10.0.0.0, private", "10.255.255.255, private",
            "172.16.0.0, private", "172.31.255.255, private",
            "192.168.0.1, private", "192.168.255.255, private",
            "100.64.0.0, carrier-grade NAT", "100.127.255.255, carrier-grade NAT",
            "169.254.0.1, link-local", "169.254.255.255, link-local",
            "169.254.169.254, cloud metadata", "100.100.100.200, cloud metadata",
            "224.0.0.1, multicast", "239.255.255.255, multicast",
            "240.0.0.1, reserved or broadcast", "255.255.255.255, reserved or broadcast",
            "::, unspecified", "::1, loopback",
            "fe80::1, link-local", "febf:ffff::1, link-local", "fec0::1, site-local",
            "fc00::1, unique-local", "fdff:ffff::1, unique-local",
            "fd00:ec2::254, cloud metadata",
            "ff02::1, multicast",
            "::127.0.0.1, loopback (IPv4-compatible)",
            "64:ff9b::a00:1, private (NAT64)", "64:ff9b::a9fe:a9fe, cloud metadata (NAT64)",
            "64:ff9b:1::7f00:1, local NAT64", "64:ff9b:1:ffff::808:808, local NAT64",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2, Teredo", "2001:db8::1, documentation",
            "2002:7f00:1::, loopback (6to4)", "2002:a9fe:a9fe::1, cloud metadata (6to4)", "2002:c0a8:101::, private (6to4)",
            "192.0.0.8, IETF protocol assignments", "192.0.2.1, documentation", "198.51.100.7, documentation",
            "203.0.113.9, documentation", "198.18.0.1, benchmarking", "198.19.255.255, benchmarking",
    })
    void refusesAddressesThatAreNotPublic(String address, String kind) throws UnknownHostException {
        assertThat(AddressRules.refused(InetAddress.getByName(address))).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "172.15.255.255", "172.32.0.0",
            "192.167.255.255", "192.169.0.0", "100.63.255.255", "100.128.0.0", "169.253.255.255", "169.255.0.0",
            "126.255.255.255", "128.0.0.0", "223.255.255.255",
            "2606:4700:4700::1111", "2001:4860:4860::8888", "fbff:ffff::1", "fe00::1",
            "64:ff9b::808:808", "::8.8.8.8", "2002:808:808::", "192.0.1.255", "198.17.255.255", "198.20.0.0"})
    void allowsPublicAddresses(String address) throws UnknownHostException {
        assertThat(AddressRules.refused(InetAddress.getByName(address))).isEmpty();
    }

    /** InetAddress turns a literal ::ffff:a.b.c.d into IPv4 by itself, but a resolver may answer the IPv6 form. */
    @Test
    void judgesAnIpv4MappedIpv6AddressByItsIpv4Address() throws UnknownHostException {
        assertThat(AddressRules.refused(mapped(127, 0, 0, 1))).contains("loopback (IPv4-mapped)");
        assertThat(AddressRules.refused(mapped(169, 254, 169, 254))).contains("cloud metadata (IPv4-mapped)");
        assertThat(AddressRules.refused(mapped(10, 1, 2, 3))).contains("private (IPv4-mapped)");
        assertThat(AddressRules.refused(mapped(8, 8, 8, 8))).isEmpty();
    }

    private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        InetAddress address = Inet6Address.getByAddress(null, bytes, -1);
        assertThat(address).isInstanceOf(Inet6Address.class);
        return address;
    }
}
