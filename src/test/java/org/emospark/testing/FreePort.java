package org.emospark.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A TCP port free on 127.0.0.1 at the time of asking, for a server a test is about to start. */
public final class FreePort {
    private FreePort() {
    }

    public static int onLoopback() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
