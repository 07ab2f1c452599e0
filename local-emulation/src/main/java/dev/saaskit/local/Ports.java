package dev.saaskit.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks a loopback port before an embedded server binds it, so a clash is named rather than buried in its stack. */
final class Ports {

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private Ports() {}

  /**
   * Fails with the setting to change when the fixed {@code port} is taken. Port 0 passes: the server
   * then binds a free port itself, so nothing can take that port between a check and the bind.
   */
  static void requireFree(int port, String what, String setting) {
    if (port != 0) {
      choose(port, what, setting);
    }
  }

  /**
   * Returns {@code port}, or a port free now when it is 0, for a server that must be told its port
   * before it binds (PostgreSQL); fails with the setting to change when the port is taken.
   */
  static int choose(int port, String what, String setting) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(LOOPBACK, port));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StartupException(what + " cannot listen on port " + port + ", which is in use (an emulator already running?): stop what uses it or set "
          + setting + " to another port");
    }
  }
}
