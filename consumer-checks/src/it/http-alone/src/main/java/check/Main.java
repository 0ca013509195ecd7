package check;

import com.sun.net.httpserver.HttpServer;
import io.ocean.http.AuthHeader;
import io.ocean.http.GoneException;
import io.ocean.http.HttpApi;
import io.ocean.http.HttpApiConfig;
import io.ocean.http.Pagination;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarFile;

/** ocean-http on its own: a config error names the field, a 404 is gone, a listing pages; and the jar names its module. */
public final class Main {

    public static void main(String[] args) throws Exception {
        try {
            HttpApiConfig.custom().baseUrl("http://localhost").maxAttempts(0).build();
            throw new AssertionError("expected maxAttempts to be refused");
        } catch (IllegalArgumentException expected) {
            check(expected.getMessage().contains("maxAttempts"), "the error names maxAttempts");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/items", exchange -> {
            byte[] body = "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try (HttpApi api = HttpApi.create(cfg -> cfg.baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .auth(AuthHeader.bearer("token")).pagination(Pagination.nextPageHeader()))) {
            check(api.find("/gone").isEmpty(), "a 404 is gone");
            check(api.forResync().pages("/items").mapToInt(page -> page.size()).sum() == 1, "one item listed");
            try {
                api.get("/gone");
                throw new AssertionError("expected a GoneException");
            } catch (GoneException expected) {
                check(expected.status() == 404, "status 404");
            }
        } finally {
            server.stop(0);
        }
        checkModuleName(HttpApi.class, "io.ocean.http");
        System.out.println("ocean-http alone: OK");
    }

    static void checkModuleName(Class<?> type, String expected) throws Exception {
        String jar = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        try (JarFile file = new JarFile(jar)) {
            String name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            check(expected.equals(name), jar + " has Automatic-Module-Name " + expected + ", not " + name);
        }
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("expected " + what);
        }
    }
}
