package org.emospark.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for servers that tests start on 127.0.0.1 (s3proxy, a job's Spark UI). */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /** A port nothing listens on at the moment of asking; the caller's server should bind it soon after. */
    public static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
