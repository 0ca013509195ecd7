package io.ocean.webhook.internal.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;

/**
 * The login page of a console with a token: the token typed once becomes a session cookie ({@code HttpOnly},
 * {@code SameSite=Strict}, {@code Secure} over HTTPS) whose value is derived from the token, not the token. Without
 * a token there is nothing to sign in to: local clients go to the console, others get a 404.
 */
final class ConsoleLogin {

    private static final String FAILED_MARK = "<!--failed-->";

    private final ConsoleAccess access;
    private final ConsoleAssets assets;

    ConsoleLogin(ConsoleAccess access, ConsoleAssets assets) {
        this.access = access;
        this.assets = assets;
    }

    void page(Context ctx) {
        if (!access.tokenRequired()) {
            toConsole(ctx);
            return;
        }
        Console.securityHeaders(ctx);
        assets.serve(ctx, "login.html");
    }

    void submit(Context ctx) {
        if (!signInApplies(ctx)) {
            return;
        }
        Console.securityHeaders(ctx);
        if (!access.tokenMatches(ctx.formParam("token"))) {
            // the same page again, with no hint about what was wrong
            String page = new String(assets.bytes("login.html"), StandardCharsets.UTF_8);
            ctx.status(401).contentType("text/html; charset=utf-8")
                    .result(page.replace(FAILED_MARK, "<p class=\"failed\" role=\"alert\">Sign-in failed.</p>"));
            return;
        }
        ctx.header("Set-Cookie", ConsoleAccess.COOKIE + "=" + access.sessionValue() + "; Path=" + Console.ROOT
                + "; HttpOnly; SameSite=Strict" + (ctx.req().isSecure() ? "; Secure" : ""));
        ctx.redirect(Console.ROOT + "/", HttpStatus.SEE_OTHER);
    }

    /**
     * Whether a sign-in or sign-out may go on: without a token there is nothing to sign into (to the console), and a
     * request from another origin is refused; either way the answer is written here.
     */
    private boolean signInApplies(Context ctx) {
        if (!access.tokenRequired()) {
            toConsole(ctx);
            return false;
        }
        if (!ConsoleAccess.sameOrigin(ctx.header("Origin"), ctx.header("Host"), ctx.header("Sec-Fetch-Site"), true)) {
            Console.refused(ctx, ConsoleAccess.Verdict.FORBIDDEN);
            return false;
        }
        return true;
    }

    void logout(Context ctx) {
        if (!signInApplies(ctx)) {
            return;
        }
        ctx.header("Set-Cookie", ConsoleAccess.COOKIE + "=; Path=" + Console.ROOT
                + "; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.redirect(Console.ROOT + "/login", HttpStatus.SEE_OTHER);
    }

    private void toConsole(Context ctx) {
        if (!Console.refused(ctx, access.check(ctx, false))) {
            ctx.redirect(Console.ROOT + "/", HttpStatus.SEE_OTHER);
        }
    }
}
