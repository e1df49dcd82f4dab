package io.tracktion.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracktion.api.testing.ApiResponse;
import io.tracktion.api.testing.ApiWithDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad request is answered with a problem+json that says what was wrong, never a 500. */
class ProblemResponsesTest {

    @RegisterExtension
    static final ApiWithDatabase API = new ApiWithDatabase();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/stats/summary?from=yesterday                                       | from
            /api/v1/stats/summary?to=2026-13-01T00:00:00Z                              | to
            /api/v1/stats/summary?from=2026-11-24                                      | from
            /api/v1/stats/summary?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z    | from
            /api/v1/sales?from=2026-11-24T00:00:00.000001Z&to=2026-11-24T00:00:00Z     | from
            /api/v1/sales?limit=0                                                      | limit
            /api/v1/sales?limit=-1                                                     | limit
            /api/v1/sales?limit=abc                                                    | limit
            /api/v1/sales?limit=501                                                    | limit
            /api/v1/sales?limit=100000                                                 | limit
            /api/v1/sales?limit=99999999999999999999                                   | limit
            /api/v1/sales?limit=2.5                                                    | limit
            /api/v1/sales?cursor=garbage                                               | cursor
            /api/v1/sales?cursor=%25%25%25                                             | cursor
            /api/v1/sales?to=soon                                                      | to
            /api/v1/sales?from=-5000-01-01T00:00:00Z                                   | from
            /api/v1/sales?to=%2B300000-01-01T00:00:00Z                                 | to
            /api/v1/artists/top?by=foo                                                 | by
            /api/v1/artists/top?limit=101                                              | limit
            /api/v1/artists/top?limit=ten                                              | limit
            /api/v1/artists/top?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z      | from
            """)
    void badParameterIsA400ProblemNamingIt(String pathAndQuery, String parameter) {
        ApiResponse response = API.get(pathAndQuery);

        assertProblem(response, 400, "Bad Request");
        assertThat(response.json().get("detail").asText()).contains("'" + parameter + "'");
    }

    @ParameterizedTest(name = "cursor text {0}")
    @ValueSource(strings = {"no colon", "abc:s1", ":s1", "123:", "99999999999999999999:s1",
            "9223372036854775807:s1", "-9223372036854775807:s1"})
    void cursorThatTheApiDidNotIssueIsA400(String plainCursor) {
        String cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(plainCursor.getBytes(StandardCharsets.UTF_8));

        ApiResponse response = API.get("/api/v1/sales?cursor=" + cursor);

        assertProblem(response, 400, "Bad Request");
        assertThat(response.json().get("detail").asText()).contains("'cursor'");
    }

    @Test
    void limitsAtTheirBoundsAndAnEmptyPeriodAreFine() {
        assertThat(API.get("/api/v1/sales?limit=1").status()).isEqualTo(200);
        assertThat(API.get("/api/v1/sales?limit=500").status()).isEqualTo(200);
        assertThat(API.get("/api/v1/artists/top?limit=1").status()).isEqualTo(200);
        assertThat(API.get("/api/v1/artists/top?limit=100&by=units").status()).isEqualTo(200);
        assertThat(API.get("/api/v1/stats/summary?from=2026-11-24T00:00:00Z&to=2026-11-24T00:00:00Z").status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/nothing-here", "/api/v2/sales", "/missing.html"})
    void unknownPathIsA404Problem(String path) {
        assertProblem(API.get(path), 404, "Not Found");
    }

    private static void assertProblem(ApiResponse response, int status, String title) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isEqualTo(title);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }
}
