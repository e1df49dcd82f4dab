package io.tracktion.api.matrix;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import io.tracktion.api.params.Period;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code GET /api/v1/matrix?rows=genres|tags&cols=countries&from&to&limit}: the units and USD revenue of each genre
 * (or tag) in each buyer country, summed from the rollups' splits by country, so the period is taken to whole minutes
 * (the answer's {@code from} and {@code to} say what was counted); at most 31 days, and without {@code from} and
 * {@code to} the last 24 hours. {@code limit} caps the rows (the best-selling; 20, at
 * most 200).
 */
@Controller("/api/v1/matrix")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class MatrixController {

    static final Duration MAX_SPAN = Duration.ofDays(31);
    private static final Duration DEFAULT_SPAN = Duration.ofHours(24);

    private final MatrixQuery matrix;
    private final Clock clock = Clock.systemUTC();

    public MatrixController(MatrixQuery matrix) {
        this.matrix = matrix;
    }

    @Get
    public Matrix grid(@QueryValue @Nullable String rows, @QueryValue @Nullable String cols,
                       @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                       @QueryValue @Nullable String limit) {
        String rowValue = Params.optional(rows) == null ? "genres" : rows.trim();
        String rowDimension = switch (rowValue) {
            case "genres", "genre" -> "genre";
            case "tags", "tag" -> "tag";
            default -> throw new InvalidParameterException("rows", "must be genres or tags, got " + Params.quoted(rows));
        };
        String colValue = Params.optional(cols) == null ? "countries" : cols.trim();
        if (!colValue.equals("countries") && !colValue.equals("country")) {
            throw new InvalidParameterException("cols", "must be countries, got " + Params.quoted(cols));
        }
        int rowLimit = Params.limit(limit, 20, 200);
        Period asked = Params.period(from, to);
        Period period = asked.closed(clock.instant(), DEFAULT_SPAN);
        if (Duration.between(period.from(), period.to()).compareTo(MAX_SPAN) > 0) {
            throw new InvalidParameterException(asked.to() != null ? "to" : "from",
                    "makes the period longer than 31 days, the most one grid counts");
        }
        return matrix.grid(rowDimension, period.from(), period.to(), rowLimit);
    }
}
