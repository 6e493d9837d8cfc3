package org.gatehouse.device.fence.dc09.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A DC-09 sender as an alarm panel is one: builds frames, sends them over TCP or UDP and reads the reply. Used by the
 * tests and the benchmark.
 */
public final class Panel implements AutoCloseable {
    /** The demo key of account 5678 (AES-128). */
    public static final byte[] DEMO_KEY = HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects over TCP. */
    public Panel(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** @return a Contact ID frame: {@code #acct|QEEE GG ZZZ}, timestamp now; key null for plain */
    public static byte[] cid(String account, String seq, String qeee, String zone, byte[] key) {
        return cid(account, seq, qeee, zone, key, Instant.now());
    }

    public static byte[] cid(String account, String seq, String qeee, String zone, byte[] key, Instant at) {
        return Dc09Codec.message(Dc09Message.ADM_CID, seq, "0", "0", account,
                "#" + account + "|" + qeee + " 01 " + zone, List.of(), at, key);
    }

    /** @return a SIA-DCS frame: {@code #acct|Nri1/<event>} */
    public static byte[] sia(String account, String seq, String event, byte[] key) {
        return Dc09Codec.message(Dc09Message.SIA_DCS, seq, "0", "0", account, "#" + account + "|Nri1/" + event,
                List.of(), Instant.now(), key);
    }

    /** @return a link test */
    public static byte[] link(String account, String seq, byte[] key) {
        return Dc09Codec.message(Dc09Message.NULL, seq, "0", "0", account, "", List.of(), Instant.now(), key);
    }

    /** Sends bytes as they are. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a frame and returns the reply frame's text (between LF and CR). */
    public String send(byte[] frame) throws IOException {
        write(frame);
        return read();
    }

    /** @return the next reply frame's text (between LF and CR); null when the receiver closed */
    public String read() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        boolean started = false;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                started = true;
                b.reset();
            } else if (c == '\r' && started) {
                return b.toString(StandardCharsets.US_ASCII);
            } else {
                b.write(c);
            }
        }
        return null;
    }

    /** Sends one datagram and returns the reply datagram's frame text. */
    public static String udp(int port, byte[] frame) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(10_000);
            s.send(new DatagramPacket(frame, frame.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[8192];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            String text = new String(p.getData(), p.getOffset(), p.getLength(), StandardCharsets.US_ASCII);
            return text.substring(1, text.length() - 1);
        }
    }

    /** @return the reply parsed (and decrypted with the key) */
    public static Dc09Message reply(String text, byte[] key) throws Dc09Exception {
        return Dc09Codec.parse(text.getBytes(StandardCharsets.US_ASCII), h -> key);
    }

    /** @return the id of a reply ({@code ACK}, {@code NAK}, ...) decoded (and decrypted with the key) */
    public static String replyId(String text, byte[] key) {
        try {
            return reply(text, key).id();
        } catch (Dc09Exception e) {
            throw new IllegalStateException("reply not understood: " + e.getMessage() + ": " + text);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
