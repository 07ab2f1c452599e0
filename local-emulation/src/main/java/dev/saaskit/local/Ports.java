package dev.saaskit.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks a loopback port before an embedded server binds it, so a clash is named rather than buried in its stack. */
final class Ports {

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private Ports() {}

  /** Returns {@code port}, or a free one when it is 0; fails with the setting to change when the port is taken. */
  static int requireFree(int port, String what, String setting) {
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
