package io.ocean.webhook;

/** What happens around start and stop. */
public final class StartupConfig {

    /** Whether a JVM shutdown hook calls {@link Ocean#stop()}, so Ctrl-C drains and saves queued events. */
    public boolean shutdownHook = true;
}
