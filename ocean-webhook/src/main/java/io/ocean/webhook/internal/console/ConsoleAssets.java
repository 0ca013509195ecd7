package io.ocean.webhook.internal.console;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The page's files, read once from the jar: our HTML, CSS and JS, and uPlot's built files from its webjar. Only
 * these names are served; nothing is looked up from a request's path.
 */
final class ConsoleAssets {

    private static final String OURS = "io/ocean/webhook/console/";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    /** A file to serve. */
    record Asset(String contentType, byte[] bytes) {
    }

    private final Map<String, Asset> assets;

    ConsoleAssets() {
        ClassLoader loader = ConsoleAssets.class.getClassLoader();
        String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion(loader) + "/dist/";
        this.assets = Map.of(
                "index.html", new Asset("text/html; charset=utf-8", read(loader, OURS + "index.html")),
                "login.html", new Asset("text/html; charset=utf-8", read(loader, OURS + "login.html")),
                "console.css", new Asset("text/css; charset=utf-8", read(loader, OURS + "console.css")),
                "console.js", new Asset("text/javascript; charset=utf-8", read(loader, OURS + "console.js")),
                "uPlot.min.css", new Asset("text/css; charset=utf-8", read(loader, uplot + "uPlot.min.css")),
                "uPlot.iife.min.js", new Asset("text/javascript; charset=utf-8", read(loader, uplot + "uPlot.iife.min.js")));
    }

    /** Writes the named file, or a 404 when there is no such file. */
    void serve(Context ctx, String name) {
        Asset asset = assets.get(name);
        if (asset == null) {
            ctx.status(404).contentType("text/plain").result("Not Found");
            return;
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.status(200).contentType(asset.contentType()).result(asset.bytes());
    }

    /** The bytes of a file this serves. */
    byte[] bytes(String name) {
        return assets.get(name).bytes();
    }

    private static String uplotVersion(ClassLoader loader) {
        Properties pom = new Properties();
        try (InputStream in = loader.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("uPlot's webjar (org.webjars.npm:uplot) is not on the class path");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the console's file " + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
