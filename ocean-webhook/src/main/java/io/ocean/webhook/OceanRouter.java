package io.ocean.webhook;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Direct routes for the legacy style, mounted under {@code /integration} when the server starts:
 * {@code ocean.router().post("/legacy", ctx -> ocean.registerRaw(...))} serves {@code POST /integration/legacy}.
 */
public final class OceanRouter {

    /** One route: method, path below {@code /integration}, handler. */
    record Route(HandlerType method, String path, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Runnable checkNotStarted;

    OceanRouter(Runnable checkNotStarted) {
        this.checkNotStarted = checkNotStarted;
    }

    /** Adds a GET route. */
    public OceanRouter get(String path, Handler handler) {
        return add(HandlerType.GET, path, handler);
    }

    /** Adds a POST route. */
    public OceanRouter post(String path, Handler handler) {
        return add(HandlerType.POST, path, handler);
    }

    /** Adds a PUT route. */
    public OceanRouter put(String path, Handler handler) {
        return add(HandlerType.PUT, path, handler);
    }

    /** Adds a PATCH route. */
    public OceanRouter patch(String path, Handler handler) {
        return add(HandlerType.PATCH, path, handler);
    }

    /** Adds a DELETE route. */
    public OceanRouter delete(String path, Handler handler) {
        return add(HandlerType.DELETE, path, handler);
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    private OceanRouter add(HandlerType method, String path, Handler handler) {
        checkNotStarted.run();
        routes.add(new Route(method, Paths.normalize(path), Objects.requireNonNull(handler, "handler")));
        return this;
    }
}
