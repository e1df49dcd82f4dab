package io.tracktion.loader.sales;

import io.tracktion.loader.sales.SaleWriter.ReleaseArtist;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@link SaleWriter#write} did with its sales.
 *
 * @param inserted       new rows
 * @param alreadyPresent sales whose saleId was in the table already (a replay or a redelivery)
 * @param rejected       sales the table refused; the others were written all the same
 * @param releaseSpans   the first sale of each release page under each artist name among the sales not refused: once
 *                       the transaction commits, the table holds that time or an earlier one ({@link SaleWriter#committed})
 */
public record WriteResult(int inserted, int alreadyPresent, List<Rejection> rejected,
                          Map<ReleaseArtist, Instant> releaseSpans) {

    public WriteResult {
        rejected = List.copyOf(rejected);
        releaseSpans = Map.copyOf(releaseSpans);
    }

    public WriteResult(int inserted, int alreadyPresent, List<Rejection> rejected) {
        this(inserted, alreadyPresent, rejected, Map.of());
    }

    WriteResult withReleaseSpans(Map<ReleaseArtist, Instant> spans) {
        return new WriteResult(inserted, alreadyPresent, rejected, spans);
    }

    /** Of the sales given to the write, those the table did not refuse: new or already present. */
    public <T> List<T> accepted(List<T> given) {
        if (rejected.isEmpty()) {
            return given;
        }
        Set<Integer> refused = new HashSet<>();
        rejected.forEach(rejection -> refused.add(rejection.index()));
        List<T> accepted = new ArrayList<>(given.size() - refused.size());
        for (int i = 0; i < given.size(); i++) {
            if (!refused.contains(i)) {
                accepted.add(given.get(i));
            }
        }
        return accepted;
    }

    /**
     * A sale the table refused, e.g. an amount beyond numeric(18,4) or a raw item that is not JSON.
     *
     * @param index the sale's position in the list given to {@link SaleWriter#write}
     * @param error PostgreSQL's reason
     */
    public record Rejection(int index, SQLException error) {
    }
}
