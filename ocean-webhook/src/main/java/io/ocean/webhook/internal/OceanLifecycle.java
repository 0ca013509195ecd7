package io.ocean.webhook.internal;

import io.ocean.core.OceanException;
import io.ocean.core.ThrowingRunnable;
import io.ocean.webhook.OceanConfig;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An Ocean's one start and one stop: its state (new, started, stopped) and, once started, its {@link OceanAssembly}.
 * It locks on the Ocean itself, so that registrations (synchronized on the Ocean) and start exclude each other.
 */
public final class OceanLifecycle {

    private enum State { NEW, STARTED, STOPPED }

    private final Object lock;
    private volatile State state = State.NEW;
    private volatile OceanAssembly assembly;

    /** A lifecycle that locks on {@code lock} (the Ocean). */
    public OceanLifecycle(Object lock) {
        this.lock = lock;
    }

    /** IllegalStateException once started: processors, routes and callbacks are registered before start. */
    public void checkNotStarted() {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("register processors, routes and callbacks before start()");
            }
        }
    }

    /**
     * Under the lock: takes the registrations ({@code registrations} also validates the config again, which may have
     * changed since create) and wires everything; then runs the {@code onStart} callbacks outside it
     * (a callback may call back into the Ocean) and only then begins resyncs; when a callback fails, {@code stop}
     * runs and the failure is rethrown.
     *
     * @throws IllegalStateException when called a second time
     * @throws OceanException        naming what failed
     */
    public void start(OceanConfig config, Supplier<OceanAssembly.Registrations> registrations,
                      List<ThrowingRunnable> onStart, Runnable stop) {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("start() can be called once; this Ocean is "
                        + state.name().toLowerCase(Locale.ROOT));
            }
            OceanAssembly.Registrations registered = registrations.get();
            state = State.STARTED;
            try {
                assembly = OceanAssembly.start(config, registered, stop);
            } catch (RuntimeException e) {
                state = State.STOPPED;
                throw e;
            }
        }
        try {
            OceanAssembly.runOnStart(onStart); // no lock held; the list no longer changes (registration is over)
            assembly.startResync(); // the first resync begins only once every onStart hook has finished
        } catch (OceanException e) {
            stop.run();
            throw e;
        }
    }

    /** Stops what was started, once; false when there was nothing to stop. */
    public boolean stop() {
        OceanAssembly running;
        synchronized (lock) {
            running = state == State.STARTED ? assembly : null;
            state = State.STOPPED;
        }
        if (running == null) {
            return false;
        }
        running.stop();
        return true;
    }

    /** The started assembly; IllegalStateException with {@code notStarted} otherwise. */
    public OceanAssembly live(String notStarted) {
        if (state != State.STARTED) {
            throw new IllegalStateException(notStarted);
        }
        return assembly;
    }

    /** {@code read} of the started assembly, or {@code otherwise} when not started (or stopped). */
    public <T> T ifStarted(Function<OceanAssembly, T> read, T otherwise) {
        return state == State.STARTED ? read.apply(assembly) : otherwise;
    }
}
