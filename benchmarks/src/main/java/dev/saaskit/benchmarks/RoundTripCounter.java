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
 * A TCP relay in front of PostgreSQL that counts database round trips per connection: how often
 * the client sends after the server's answer (up to its ReadyForQuery) has reached it. The relay
 * holds each ReadyForQuery back for a moment, so what a client pipelines without waiting (pgjdbc
 * sends BEGIN and the first query back to back) arrives before it and counts as part of the same
 * round trip. A JDBC URL pointed at {@link #jdbcUrl} goes through it; TLS and GSS encryption are
 * turned off, so the server's stream is plain protocol messages. Timings through it mean nothing.
 */
final class RoundTripCounter implements AutoCloseable {

  private static final long HOLD_NANOS = 2_000_000;
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
    String relayed = databaseUrl.substring(0, m.start()) + "//127.0.0.1:" + server.getLocalPort() + "/" + databaseUrl.substring(m.end());
    jdbcUrl = relayed + (relayed.contains("?") ? "&" : "?") + "sslmode=disable&gssEncMode=disable";
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
        ServerMessages server = new ServerMessages();
        Thread.ofVirtual().start(() -> pump(client, upstream, (buffer, n) -> {
          synchronized (server) {
            if (server.answerDelivered) {
              roundTrips.incrementAndGet();
              server.answerDelivered = false;
            }
          }
        }));
        Thread.ofVirtual().start(() -> pump(upstream, client, (buffer, n) -> {
          boolean ready;
          synchronized (server) {
            ready = server.read(buffer, n);
          }
          if (ready) {
            java.util.concurrent.locks.LockSupport.parkNanos(HOLD_NANOS);
          }
          // Before the answer is passed on: the client cannot send its next request before it has it,
          // and marking it afterwards could miss a client that answers faster than this thread resumes.
          synchronized (server) {
            server.answerDelivered = server.idle;
          }
        }));
      } catch (IOException e) {
        if (!server.isClosed()) {
          Benchmarks.log("round trip counter: " + e.getMessage());
        }
      }
    }
  }

  /** Follows the server's message framing (type byte, 32-bit length) to know when it is idle. */
  private static final class ServerMessages {
    /** The server's last message was ReadyForQuery. */
    boolean idle;
    /** ... and it has been passed on to the client, which may now send its next request (also before any answer). */
    boolean answerDelivered = true;
    private final byte[] header = new byte[5];
    private int headerBytes;
    private long bodyLeft;

    /** Follows a chunk of the server's stream; true when it ends with the server idle. */
    boolean read(byte[] buffer, int n) {
      int i = 0;
      while (i < n) {
        if (bodyLeft > 0) {
          int skip = (int) Math.min(bodyLeft, n - i);
          bodyLeft -= skip;
          i += skip;
          continue;
        }
        header[headerBytes++] = buffer[i++];
        if (headerBytes == 5) {
          headerBytes = 0;
          bodyLeft = (((header[1] & 0xffL) << 24) | ((header[2] & 0xff) << 16) | ((header[3] & 0xff) << 8) | (header[4] & 0xff)) - 4;
          idle = header[0] == 'Z';
        }
      }
      return idle;
    }
  }

  private interface Chunk {
    void seen(byte[] buffer, int n);
  }

  /** Copies one direction; {@code beforeWrite} sees each chunk before it is passed on. */
  private static void pump(Socket from, Socket to, Chunk beforeWrite) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        beforeWrite.seen(buffer, n);
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
