package io.tracktion.api.signals;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.params.Cursor;
import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import java.util.List;

/**
 * {@code GET /api/v1/signals?kind&dimension&id&since&limit&cursor}: signals newest first, filtered by kind, by
 * dimension and entity id, and by time ({@code since}, inclusive); {@code limit} 1–500, default 50; follow
 * {@code next} for the following page.
 */
@Controller("/api/v1/signals")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignalsController {

    private static final List<String> KINDS = List.of("first_sale", "new_country", "milestone", "spike", "chart_entry");
    private static final List<String> DIMENSIONS = List.of("artist", "release", "label", "tag");

    private final SignalsQuery signals;

    public SignalsController(SignalsQuery signals) {
        this.signals = signals;
    }

    @Get
    public SignalsPage list(@QueryValue @Nullable String kind, @QueryValue @Nullable String dimension,
                            @QueryValue @Nullable String id, @QueryValue @Nullable String since,
                            @QueryValue @Nullable String limit, @QueryValue @Nullable String cursor) {
        String kindFilter = oneOf("kind", kind, KINDS);
        String dimensionFilter = oneOf("dimension", dimension, DIMENSIONS);
        String entityId = Params.optional(id);
        if (entityId != null && dimensionFilter == null) {
            throw new InvalidParameterException("id", "needs 'dimension' (artist, release, label or tag)");
        }
        String after = Params.optional(cursor);
        return signals.page(kindFilter, dimensionFilter, entityId, Params.instant("since", since),
                after == null ? null : Cursor.decode(after), Params.limit(limit, 50, 500));
    }

    private static String oneOf(String name, @Nullable String value, List<String> allowed) {
        String given = Params.optional(value);
        if (given != null && !allowed.contains(given)) {
            throw new InvalidParameterException(name, "must be one of " + String.join(", ", allowed) + ", got "
                    + Params.quoted(value));
        }
        return given;
    }
}
