package dev.saaskit.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a dependency (PostgreSQL, ElasticMQ, S3Proxy) that a test breaks on purpose: it
 * forwards bytes both ways until told to {@link #refuse()} new connections, {@link #cutAll()} open ones, {@link
 * #stall()} (hold every byte where it is until {@link #resume()}), or to do one of these the moment a client sends a
 * given text ({@link #onClientSending}), which places a fault at an exact point of a request, e.g. a statement in
 * the middle of a transaction; at such a point it can also run a test's own action (end the server's session of the
 * connection) before the text goes on. A refused connection is accepted and reset at once, which a client sees the way
 * it sees a dead server.
 */
public final class FaultProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final Object stallLock = new Object();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean refusing;
  private volatile boolean stalled;
  private volatile byte[] trigger;
  private volatile Fault armed;
  private volatile Runnable armedAction;

  /** What {@link #onClientSending} does when its text comes. */
  public enum Fault {
    /** Every connection is reset; new ones are accepted. */
    CUT,
    /** Every connection is reset, and new ones are refused until {@link #resume()}. */
    CUT_AND_REFUSE,
    /** These bytes and every byte after them, on every connection, are held until {@link #resume()}. */
    STALL
  }

  private FaultProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("fault-proxy-" + server.getLocalPort()).start(this::acceptLoop);
  }

  /** A proxy on a free loopback port forwarding to {@code host:port}. */
  public static FaultProxy to(String host, int port) {
    try {
      return new FaultProxy(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** New connections are reset as soon as they are made; open ones carry on. */
  public void refuse() {
    refusing = true;
  }

  /** Back to forwarding: new connections are accepted, stalled bytes flow. */
  public void resume() {
    refusing = false;
    trigger = null;
    synchronized (stallLock) {
      stalled = false;
      stallLock.notifyAll();
    }
  }

  /** Every open connection is reset, both ways; new ones are still accepted (unless refused). */
  public void cutAll() {
    for (Link link : links) {
      link.cut();
    }
  }

  /** Bytes stop moving, both ways, on every connection, open or new, until {@link #resume()}. */
  public void stall() {
    stalled = true;
  }

  /**
   * Arms a fault at an exact point: when a client sends bytes holding {@code text} (an SQL statement's text, an HTTP
   * request line), {@code fault} happens before any of those bytes is forwarded. Fires once.
   */
  public void onClientSending(String text, Fault fault) {
    arm(text, fault, null);
  }

  /**
   * Arms an action at an exact point: when a client sends bytes holding {@code text}, {@code action} runs (on the
   * proxy's thread, the bytes held meanwhile), then the bytes are forwarded. Fires once; the action may arm the next.
   */
  public void onClientSending(String text, Runnable action) {
    arm(text, null, action);
  }

  private synchronized void arm(String text, Fault fault, Runnable action) {
    armed = fault;
    armedAction = action;
    trigger = text.getBytes(StandardCharsets.UTF_8);
  }

  /** True when the armed {@link #onClientSending} has fired (or none was armed). */
  public boolean triggered() {
    return trigger == null;
  }

  /** Connections accepted and forwarded so far (stalled ones among them). */
  public int accepted() {
    return accepted.get();
  }

  /** Connections refused so far: how often a client tried to reach the dependency while it was down. */
  public int refused() {
    return refused.get();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing a listening socket of a test.
    }
    resume();
    cutAll();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (refusing) {
        refused.incrementAndGet();
        reset(client);
        continue;
      }
      accepted.incrementAndGet();
      Socket upstream = new Socket();
      try {
        upstream.connect(target, 2_000);
      } catch (IOException e) {
        reset(client);
        continue;
      }
      Link link = new Link(client, upstream);
      links.add(link);
      Thread.ofPlatform().daemon().start(() -> link.pump(client, upstream, true));
      Thread.ofPlatform().daemon().start(() -> link.pump(upstream, client, false));
    }
  }

  private void awaitUnstalled() throws InterruptedException {
    synchronized (stallLock) {
      while (stalled) {
        stallLock.wait();
      }
    }
  }

  /** What was armed, if these bytes fire it, else null. */
  private synchronized Armed fires(byte[] chunk, int length) {
    byte[] text = trigger;
    if (text == null || !contains(chunk, length, text)) {
      return null;
    }
    trigger = null;
    return new Armed(armed, armedAction);
  }

  /** What an {@link #onClientSending} armed: a fault, or an action. */
  private record Armed(Fault fault, Runnable action) {}

  private static boolean contains(byte[] haystack, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException ignored) {
      // Already gone: what a reset wants.
    }
  }

  /** One client connection and its connection to the target. */
  private final class Link {
    private final Socket client;
    private final Socket upstream;
    private volatile boolean closed;

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void pump(Socket from, Socket to, boolean fromClient) {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0 && !closed; n = in.read(buffer)) {
          Armed fired = fromClient ? fires(buffer, n) : null;
          if (fired != null && fired.action() != null) {
            fired.action().run();
          }
          Fault fault = fired == null ? null : fired.fault();
          if (fault == Fault.CUT_AND_REFUSE) {
            refuse();
          }
          if (fault == Fault.CUT || fault == Fault.CUT_AND_REFUSE) {
            cutAll();
            return;
          }
          if (fault == Fault.STALL) {
            stall();
          }
          awaitUnstalled();
          if (closed) {
            return;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // The other side or a cut closed the connection.
      } finally {
        cut();
      }
    }

    /** Resets both connections: the client and the dependency each see the other vanish. */
    synchronized void cut() {
      if (closed) {
        return;
      }
      closed = true;
      links.remove(this);
      reset(client);
      reset(upstream);
    }
  }
}
