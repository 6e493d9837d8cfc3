package org.gatehouse.device.fence.dc09.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets of one receiver: TCP (one thread per connection, at most {@code max.connections}; one more is closed
 * with one log line) and UDP on the same port. Replies go back on the connection or to the datagram's sender.
 */
final class Dc09Receiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dc09Receiver.class);

    private final Dc09Settings settings;
    private final Dc09Handler handler;
    private final Semaphore permits;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private final ServerSocket server;
    private final DatagramSocket udp;
    private volatile boolean closed;

    /** Binds TCP and UDP; throws when either cannot be bound. */
    Dc09Receiver(Dc09Settings settings, Dc09Handler handler) throws IOException {
        this.settings = settings;
        this.handler = handler;
        this.permits = new Semaphore(settings.maxConnections());
        InetAddress host = InetAddress.getByName(settings.host());
        server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(host, settings.port()), 128);
            udp = new DatagramSocket(new InetSocketAddress(host, server.getLocalPort()));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dc09-" + server.getLocalPort() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::accept);
        threads.execute(this::receive);
    }

    /** @return the port listened on (TCP and UDP) */
    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("DC-09 receiver on port {}: accept failed: {}", port(), e.getMessage());
                    pause(); // out of file descriptors, say: do not spin
                }
                continue;
            }
            String from = s.getRemoteSocketAddress().toString();
            if (!permits.tryAcquire()) {
                LOG.warn("DC-09 connection from {} refused: {} connections open (max.connections)", from,
                        settings.maxConnections());
                quietClose(s);
                continue;
            }
            open.add(s);
            try {
                threads.execute(() -> serve(s, from));
            } catch (RuntimeException e) {
                open.remove(s);
                permits.release();
                quietClose(s);
            }
        }
    }

    private void serve(Socket s, String from) {
        FrameReader reader = null;
        try (s) {
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.idle().toMillis()));
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            reader = new FrameReader(from, frame -> {
                byte[] reply = handler.handle(frame, from);
                if (reply != null) {
                    try {
                        out.write(reply);
                        out.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            byte[] buf = new byte[4096];
            int n;
            while (!closed && (n = in.read(buf)) >= 0) {
                reader.feed(buf, 0, n);
            }
            reader.end();
        } catch (SocketTimeoutException e) {
            LOG.debug("DC-09 connection from {} idle for {} s: closed", from, settings.idle().toSeconds());
        } catch (java.io.UncheckedIOException | IOException e) {
            if (!closed) {
                LOG.debug("DC-09 connection from {} ended: {}", from, e.getMessage());
            }
        } finally {
            open.remove(s);
            permits.release();
        }
    }

    private void receive() {
        byte[] buf = new byte[Dc09Codec.MAX_FRAME + 16];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("DC-09 receiver on UDP port {}: receive failed: {}", port(), e.getMessage());
                    pause();
                }
                continue;
            }
            InetSocketAddress peer = (InetSocketAddress) p.getSocketAddress();
            String from = "udp:" + peer;
            FrameReader reader = new FrameReader(from, frame -> {
                byte[] reply = handler.handle(frame, from);
                if (reply != null) {
                    try {
                        udp.send(new DatagramPacket(reply, reply.length, peer));
                    } catch (IOException e) {
                        LOG.debug("DC-09 reply to {} failed: {}", from, e.getMessage());
                    }
                }
            });
            reader.feed(p.getData(), p.getOffset(), p.getLength());
            reader.end();
        }
    }

    /** @return the TCP connections open now */
    int connections() {
        return open.size();
    }

    @Override
    public void close() {
        closed = true;
        quietClose(server);
        udp.close();
        for (Socket s : open) {
            quietClose(s);
        }
        threads.shutdownNow();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void quietClose(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
