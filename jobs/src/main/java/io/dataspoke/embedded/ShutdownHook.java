package io.dataspoke.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an embedded service when the JVM exits without closing it (Ctrl-C on the demo, a killed
 * test run), so no postmaster outlives the JVM and no work directory is left behind.
 */
final class ShutdownHook {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHook.class);

    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    static ShutdownHook register(String name, AutoCloseable service) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                service.close();
                            } catch (Exception e) {
                                LOG.warn("Closing {} at JVM exit failed", name, e);
                            }
                        },
                        "close-" + name);
        Runtime.getRuntime().addShutdownHook(thread);
        return new ShutdownHook(thread);
    }

    /** Called from the service's own close(); a no-op while the JVM is already exiting. */
    void remove() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException e) {
            // The JVM is exiting and the hooks are running: nothing to remove.
        }
    }
}
