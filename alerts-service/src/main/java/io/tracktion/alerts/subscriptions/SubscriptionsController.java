package io.tracktion.alerts.subscriptions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tracktion.alerts.delivery.Texts;
import java.sql.SQLException;

/**
 * {@code /api/v1/subscriptions} (reached through the API gateway). Creating one needs nothing; everything else needs
 * the signed token of a link mailed to the subscriber: confirm, unsubscribe (one click, RFC 8058: POST, or GET from
 * a browser), and manage (list and end all of one address's subscriptions).
 */
@Controller("/api/v1/subscriptions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SubscriptionsController {

    private final Subscriptions subscriptions;

    public SubscriptionsController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<Subscriptions.Created> subscribe(@Body @Nullable SubscriptionRequest request) throws SQLException {
        return HttpResponse.accepted().body(subscriptions.subscribe(request));
    }

    @Get("/confirm")
    public HttpResponse<?> confirm(HttpRequest<?> request, @QueryValue @Nullable String token) throws SQLException {
        SubscriptionView confirmed = subscriptions.confirm(token);
        return answer(request, confirmed, "Subscription confirmed", "Alerts about " + confirmed.target().dimension()
                + " " + confirmed.target().id() + " will now reach you.");
    }

    @Get("/unsubscribe")
    public HttpResponse<?> unsubscribeFromBrowser(HttpRequest<?> request, @QueryValue @Nullable String token)
            throws SQLException {
        SubscriptionView ended = subscriptions.unsubscribe(token);
        return answer(request, ended, "Unsubscribed", "You will get no more alerts from this subscription.");
    }

    /** RFC 8058: the mail client posts {@code List-Unsubscribe=One-Click}; whatever the body, the token decides. */
    @Post(uri = "/unsubscribe", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_JSON, MediaType.MULTIPART_FORM_DATA})
    public HttpResponse<SubscriptionView> unsubscribe(@QueryValue @Nullable String token) throws SQLException {
        return HttpResponse.ok(subscriptions.unsubscribe(token));
    }

    @Get
    public Subscriptions.Owned owned(@QueryValue @Nullable String token) throws SQLException {
        return subscriptions.owned(token);
    }

    @Delete("/{id}")
    public SubscriptionView end(@PathVariable String id, @QueryValue @Nullable String token) throws SQLException {
        return subscriptions.endOwned(id, token);
    }

    /** A page for a person who followed a link in a browser, JSON for everyone else. */
    private static HttpResponse<?> answer(HttpRequest<?> request, SubscriptionView view, String title, String text) {
        // A browser names text/html; curl and API clients send */* or JSON and get JSON.
        boolean browser = request.getHeaders().accept().stream().anyMatch(type -> type.getName().equals(MediaType.TEXT_HTML));
        if (!browser) {
            return HttpResponse.ok(view);
        }
        String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Texts.html(title)
                + "</title></head><body style=\"font-family: sans-serif; max-width: 40em;\"><h2>" + Texts.html(title)
                + "</h2><p>" + Texts.html(text) + "</p></body></html>";
        return HttpResponse.status(HttpStatus.OK).contentType(MediaType.TEXT_HTML_TYPE).body(page);
    }
}
