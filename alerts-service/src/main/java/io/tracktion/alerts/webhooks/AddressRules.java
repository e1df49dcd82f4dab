package io.tracktion.alerts.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which IP addresses a webhook may not reach (pure): everything that leads into the service's own host or network
 * rather than the public internet. Loopback, private and link-local ranges, carrier-grade NAT, multicast, reserved
 * space and the cloud metadata services; also when written as an IPv6 address that carries an IPv4 one (mapped,
 * compatible, NAT64, 6to4; Teredo is refused whole), since the IPv4 address is where such a connection ends up.
 */
final class AddressRules {

    private static final List<Block> IPV4 = List.of(
            block("169.254.169.254/32", "cloud metadata"), // AWS, GCP, Azure, OpenStack, ...
            block("100.100.100.200/32", "cloud metadata"), // Alibaba Cloud
            block("0.0.0.0/8", "unspecified"),
            block("10.0.0.0/8", "private"),
            block("100.64.0.0/10", "carrier-grade NAT"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local"),
            block("172.16.0.0/12", "private"),
            block("192.0.0.0/24", "IETF protocol assignments"),
            block("192.0.2.0/24", "documentation"),
            block("192.168.0.0/16", "private"),
            block("198.18.0.0/15", "benchmarking"),
            block("198.51.100.0/24", "documentation"),
            block("203.0.113.0/24", "documentation"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved or broadcast"));

    private static final List<Block> IPV6 = List.of(
            block("fd00:ec2::254/128", "cloud metadata"), // AWS over IPv6
            block("::/128", "unspecified"),
            block("::1/128", "loopback"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "site-local"),
            block("fc00::/7", "unique-local"),
            block("64:ff9b:1::/48", "local NAT64"), // RFC 8215: leads into the operator's own network
            block("2001::/32", "Teredo"), // tunnels to an IPv4 address hidden in the address
            block("2001:db8::/32", "documentation"),
            block("ff00::/8", "multicast"));

    /** IPv6 forms whose last four bytes are an IPv4 address, checked as that address. */
    private static final List<Block> CARRYING_IPV4 = List.of(
            new Block(mappedPrefix(), 96, "IPv4-mapped"),
            block("::/96", "IPv4-compatible"),
            block("64:ff9b::/96", "NAT64"));

    /** 6to4 addresses carry an IPv4 address in their bytes 2 to 5. */
    private static final Block SIX_TO_FOUR = block("2002::/16", "6to4");

    private AddressRules() {
    }

    /** What kind of non-public address this is ("loopback", "private", ...), or empty for a public one. */
    static Optional<String> refused(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return kind(IPV4, bytes);
        }
        Optional<String> kind = kind(IPV6, bytes);
        if (kind.isPresent()) {
            return kind;
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return kind(IPV4, Arrays.copyOfRange(bytes, 2, 6)).map(inner -> inner + " (6to4)");
        }
        byte[] ipv4 = Arrays.copyOfRange(bytes, 12, 16);
        return CARRYING_IPV4.stream().filter(block -> block.contains(bytes)).findFirst()
                .flatMap(carrier -> kind(IPV4, ipv4).map(inner -> inner + " (" + carrier.kind() + ")"));
    }

    private static Optional<String> kind(List<Block> blocks, byte[] address) {
        return blocks.stream().filter(block -> block.contains(address)).findFirst().map(Block::kind);
    }

    /** A network: its first {@code bits} bits. */
    private record Block(byte[] network, int bits, String kind) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            if (!Arrays.equals(address, 0, whole, network, 0, whole)) {
                return false;
            }
            int mask = (0xff << (8 - bits % 8)) & 0xff;
            return bits % 8 == 0 || (address[whole] & mask) == (network[whole] & mask);
        }
    }

    /** From CIDR notation; the address part is a literal, never looked up. */
    private static Block block(String cidr, String kind) {
        int slash = cidr.indexOf('/');
        try {
            return new Block(InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
                    Integer.parseInt(cidr.substring(slash + 1)), kind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + cidr, e);
        }
    }

    /** {@code ::ffff:0:0}, which InetAddress would turn into the IPv4 address 0.0.0.0. */
    private static byte[] mappedPrefix() {
        byte[] prefix = new byte[16];
        prefix[10] = (byte) 0xff;
        prefix[11] = (byte) 0xff;
        return prefix;
    }
}
