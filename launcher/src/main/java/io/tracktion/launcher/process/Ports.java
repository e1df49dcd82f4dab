package io.tracktion.launcher.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** TCP ports on this machine: is one free, and find a free one (for tests). */
public final class Ports {

    private Ports() {
    }

    /** True if nothing listens on {@code port}, on any address. */
    public static boolean isFree(int port) {
        // Binding the wildcard address conflicts with a listener on any address, loopback included.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nobody listens on right now (someone else may take it before you do). */
    public static int findFree() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
