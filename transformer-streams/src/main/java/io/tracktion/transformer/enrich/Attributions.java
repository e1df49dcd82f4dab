package io.tracktion.transformer.enrich;

import io.tracktion.schemas.EntityIds;
import io.tracktion.schemas.Release;
import io.tracktion.schemas.ReleaseStatus;
import io.tracktion.schemas.SaleAttribution;
import io.tracktion.transformer.codec.BinaryCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/** What a sale is attributed to, made from what is known of its release (pure functions). */
public final class Attributions {

    /** {@link SaleAttribution#getStatus()}: the release page was read. (Gone and unreadable releases keep their {@link ReleaseStatus}.) */
    public static final String KNOWN = "known";
    /** Not known within ENRICH_WAIT: artist, label, genre and tags count as unknown until it is. */
    public static final String UNKNOWN = "unknown";
    /** The sale names no release page. */
    public static final String NONE = "none";

    private Attributions() {
    }

    /** The attribution a fetched release gives its sales; for a gone or unreadable one, only its id. */
    public static SaleAttribution of(Release release) {
        SaleAttribution.Builder attribution = SaleAttribution.newBuilder()
                .setReleaseId(release.getId())
                .setReleaseUrl(release.getUrl())
                .setTags(List.of());
        if (!ReleaseStatus.KNOWN.equals(release.getStatus())) {
            return attribution.setStatus(release.getStatus()).build();
        }
        attribution.setStatus(KNOWN)
                .setReleaseTitle(release.getTitle())
                .setReleaseKind(release.getKind())
                .setGenre(release.getGenre())
                .setTags(List.copyOf(release.getTags()))
                .setLocation(release.getLocation())
                .setLocationCountryCode(release.getCountryCode());
        if (release.getArtist() != null) {
            if (release.getLocation() == null) {
                attribution.setLocation(release.getArtist().getLocation());
            }
            attribution.setArtistId(release.getArtist().getId())
                    .setArtistName(release.getArtist().getName())
                    .setArtistUrl(release.getArtist().getUrl());
        }
        if (release.getLabel() != null) {
            attribution.setLabelId(release.getLabel().getId())
                    .setLabelName(release.getLabel().getName())
                    .setLabelUrl(release.getLabel().getUrl());
        }
        return attribution.build();
    }

    /** A sale whose release is not known (yet): only what its URL says. */
    public static SaleAttribution without(String status, String canonicalUrl) {
        return SaleAttribution.newBuilder()
                .setStatus(status)
                .setReleaseUrl(canonicalUrl)
                .setReleaseId(canonicalUrl == null ? null : EntityIds.release(canonicalUrl))
                .setTags(List.of())
                .build();
    }

    private static final int FORMAT = 1;

    /** How the known-releases store keeps an attribution. */
    static final Serde<SaleAttribution> SERDE = BinaryCodec.serde(FORMAT, Attributions::write, Attributions::read);

    private static void write(DataOutputStream out, SaleAttribution a) throws IOException {
        for (String field : new String[] {a.getStatus(), a.getReleaseId(), a.getReleaseUrl(), a.getReleaseTitle(),
                a.getReleaseKind(), a.getArtistId(), a.getArtistName(), a.getArtistUrl(), a.getLabelId(),
                a.getLabelName(), a.getLabelUrl(), a.getGenre(), a.getLocation(), a.getLocationCountryCode()}) {
            BinaryCodec.writeString(out, field);
        }
        out.writeShort(a.getTags().size());
        for (String tag : a.getTags()) {
            out.writeUTF(tag);
        }
    }

    private static SaleAttribution read(DataInputStream in) throws IOException {
        SaleAttribution.Builder a = SaleAttribution.newBuilder()
                .setStatus(BinaryCodec.readString(in))
                .setReleaseId(BinaryCodec.readString(in))
                .setReleaseUrl(BinaryCodec.readString(in))
                .setReleaseTitle(BinaryCodec.readString(in))
                .setReleaseKind(BinaryCodec.readString(in))
                .setArtistId(BinaryCodec.readString(in))
                .setArtistName(BinaryCodec.readString(in))
                .setArtistUrl(BinaryCodec.readString(in))
                .setLabelId(BinaryCodec.readString(in))
                .setLabelName(BinaryCodec.readString(in))
                .setLabelUrl(BinaryCodec.readString(in))
                .setGenre(BinaryCodec.readString(in))
                .setLocation(BinaryCodec.readString(in))
                .setLocationCountryCode(BinaryCodec.readString(in));
        int tagCount = in.readShort();
        List<String> tags = new ArrayList<>(tagCount);
        for (int i = 0; i < tagCount; i++) {
            tags.add(in.readUTF());
        }
        return a.setTags(tags).build();
    }
}
