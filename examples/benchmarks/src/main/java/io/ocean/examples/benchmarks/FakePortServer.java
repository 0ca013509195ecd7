package io.ocean.examples.benchmarks;

import io.ocean.testkit.FakePort;

/**
 * A FakePort in its own process, so that a benchmark's heap holds only the integration, not the catalog:
 * prints {@code <baseUrl> <clientId> <clientSecret>} on one line and serves until its input closes.
 */
public final class FakePortServer {

    private FakePortServer() {
    }

    /** Serves until stdin closes. */
    public static void main(String[] args) throws Exception {
        try (FakePort port = FakePort.start().withoutJournal()) {
            System.out.println(port.baseUrl() + " " + port.clientId() + " " + port.clientSecret());
            System.out.flush();
            while (System.in.read() != -1) {
                // the parent keeps the pipe open while it needs the FakePort
            }
        }
    }
}
