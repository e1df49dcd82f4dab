package io.tracktion.api.tags;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.api.db.Jdbc;
import io.tracktion.api.entities.Activity;
import io.tracktion.api.entities.ActivityQuery;
import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import io.tracktion.api.params.Period;
import io.tracktion.api.problem.NotFoundException;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/tags/{id}?from&to}: a tag (or genre) by its canonical name, e.g. {@code /api/v1/tags/dub%20techno},
 * with its sales of the period, top countries and latest signals.
 */
@Controller("/api/v1/tags")
@ExecuteOn(TaskExecutors.BLOCKING) // JDBC blocks; keep it off the event loop
public class TagsController {

    private static final int MAX_LENGTH = 200;
    private static final String SQL = "SELECT name, class FROM tag WHERE lower(name) = lower(?) ORDER BY name = ? DESC LIMIT 1";

    private final Jdbc jdbc;
    private final ActivityQuery activity;

    public TagsController(Jdbc jdbc, ActivityQuery activity) {
        this.jdbc = jdbc;
        this.activity = activity;
    }

    @Get("/{id}")
    public TagView byId(@PathVariable String id, @QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        if (id.isBlank() || id.length() > MAX_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            throw InvalidParameterException.inPath("id", "must be a tag's canonical name, at most " + MAX_LENGTH
                    + " characters, not " + Params.quoted(id));
        }
        Period period = Params.period(from, to);
        // In any case: canonical names are lower case but for the few the alias table spells otherwise (R&B, IDM).
        List<String[]> tags = jdbc.query(SQL, List.of(id, id), row -> new String[] {row.getString("name"),
                row.getString("class")});
        if (tags.isEmpty()) {
            throw new NotFoundException("No tag is named " + Params.quoted(id.toLowerCase(Locale.ROOT)));
        }
        String name = tags.get(0)[0];
        String tagClass = tags.get(0)[1];
        String dimension = tagClass.equals("genre") ? "genre" : "tag";
        Activity sold = activity.of(dimension, name, period);
        return new TagView(name, name, tagClass, dimension, sold.totals(), sold.topCountries(), sold.signals());
    }
}
