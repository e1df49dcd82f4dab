package io.tracktion.api.labels;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.db.Jdbc;
import io.tracktion.api.entities.ActivityQuery;
import io.tracktion.api.entities.EntityIdParam;
import io.tracktion.api.params.Params;
import io.tracktion.api.params.Period;
import io.tracktion.api.problem.NotFoundException;
import java.util.List;

/** {@code GET /api/v1/labels/{id}?from&to}: a label with its sales of the period, top countries and latest signals. */
@Controller("/api/v1/labels")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class LabelsController {

    private static final String SQL = "SELECT label_id, url, name, band_id, location FROM label WHERE label_id = ?";

    private final Jdbc jdbc;
    private final ActivityQuery activity;

    public LabelsController(Jdbc jdbc, ActivityQuery activity) {
        this.jdbc = jdbc;
        this.activity = activity;
    }

    @Get("/{id}")
    public LabelView byId(@PathVariable String id, @QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        EntityIdParam.check(id, "a label id");
        Period period = Params.period(from, to);
        List<LabelView> labels = jdbc.query(SQL, List.of(id), row -> new LabelView(row.getString("label_id"),
                row.getString("url"), row.getString("name"), Jdbc.longOrNull(row, "band_id"), row.getString("location"),
                null, List.of(), List.of()));
        if (labels.isEmpty()) {
            throw new NotFoundException("No label has id " + id);
        }
        return labels.get(0).with(activity.of("label", id, period));
    }
}
