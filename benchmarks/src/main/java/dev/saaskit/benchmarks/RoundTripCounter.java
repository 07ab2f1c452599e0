package dev.saaskit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay in front of PostgreSQL that counts database round trips per connection: every time
 * the client sends after the server has answered (or first), that is one more round trip. A JDBC
 * URL pointed at {@link #jdbcUrl} goes through it.
 */
final class RoundTripCounter implements AutoCloseable {

  private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+):(\\d+)/");

  private final ServerSocket server;
  private final String upstreamHost;
  private final int upstreamPort;
  private final String jdbcUrl;
  private final List<AtomicInteger> connections = new CopyOnWriteArrayList<>();

  RoundTripCounter(String databaseUrl) throws IOException {
    Matcher m = HOST_PORT.matcher(databaseUrl);
    if (!m.find()) {
      throw new IllegalArgumentException("cannot find host:port in " + databaseUrl);
    }
    upstreamHost = m.group(1);
    upstreamPort = Integer.parseInt(m.group(2));
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    jdbcUrl = databaseUrl.substring(0, m.start()) + "//127.0.0.1:" + server.getLocalPort() + "/" + databaseUrl.substring(m.end());
    Thread.ofVirtual().start(this::accept);
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  /** Round trips so far of each connection, in the order they were opened. */
  List<Integer> roundTrips() {
    return connections.stream().map(AtomicInteger::get).toList();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort));
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        AtomicInteger roundTrips = new AtomicInteger();
        connections.add(roundTrips);
        // true while the last bytes seen went from the server to the client (or nothing yet).
        boolean[] serverSpokeLast = {true};
        Thread.ofVirtual().start(() -> pump(client, upstream, () -> {
          synchronized (serverSpokeLast) {
            if (serverSpokeLast[0]) {
              roundTrips.incrementAndGet();
              serverSpokeLast[0] = false;
            }
          }
        }));
        Thread.ofVirtual().start(() -> pump(upstream, client, () -> {
          synchronized (serverSpokeLast) {
            serverSpokeLast[0] = true;
          }
        }));
      } catch (IOException e) {
        if (!server.isClosed()) {
          Benchmarks.log("round trip counter: " + e.getMessage());
        }
      }
    }
  }

  private static void pump(Socket from, Socket to, Runnable onData) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        onData.run();
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // The other side closed; closing both ends below ends the relay of this connection.
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // Already closed.
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
