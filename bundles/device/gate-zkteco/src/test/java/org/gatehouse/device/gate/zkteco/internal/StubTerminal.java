package org.gatehouse.device.gate.zkteco.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ZKTeco terminal as the PUSH protocol describes it, over real HTTP (java.net.http): the handshake, ATTLOG and
 * ATTPHOTO uploads, and a poll loop that fetches commands at getrequest, carries them out on its own user and face
 * tables and posts their results to devicecmd (0 ok; a face of a PIN in {@link #refuseFace} gets that negative
 * code; an unknown command -1002). {@link #silent} stops it calling, as a terminal that lost its network.
 */
final class StubTerminal implements AutoCloseable {
    final String base;
    final String serial;
    final HttpClient http = HttpClient.newHttpClient();
    final Map<String, String> users = new ConcurrentHashMap<>();
    final Map<String, byte[]> faces = new ConcurrentHashMap<>();
    final Map<String, Integer> refuseFace = new ConcurrentHashMap<>();
    final List<String> commands = new CopyOnWriteArrayList<>();
    /** How many commands each getrequest answer held (answers {@code OK} not counted). */
    final List<Integer> batches = new CopyOnWriteArrayList<>();
    final AtomicInteger doorOpens = new AtomicInteger();
    volatile boolean silent;
    volatile int openCode;
    private volatile Thread poller;

    StubTerminal(String base, String serial) {
        this.base = base;
        this.serial = serial;
    }

    /** @return a small picture as a terminal sends it: JPEG start and end markers around the label's bytes */
    static byte[] jpeg(String label) {
        byte[] text = label.getBytes(StandardCharsets.UTF_8);
        byte[] image = new byte[text.length + 4];
        image[0] = (byte) 0xFF;
        image[1] = (byte) 0xD8;
        System.arraycopy(text, 0, image, 2, text.length);
        image[image.length - 2] = (byte) 0xFF;
        image[image.length - 1] = (byte) 0xD9;
        return image;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> handshake() throws IOException, InterruptedException {
        return get("/iclock/cdata?SN=" + serial + "&options=all&pushver=2.4.1&language=83");
    }

    HttpResponse<String> attlog(String stamp, String... lines) throws IOException, InterruptedException {
        return post("/iclock/cdata?SN=" + serial + "&table=ATTLOG&Stamp=" + stamp,
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> attphoto(String pin, LocalDateTime time, byte[] jpeg)
            throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String header = "PIN=" + ZkProtocol.PHOTO_TIME.format(time) + "-" + pin + ".jpg\nSN=" + serial
                + "\nsize=" + jpeg.length + "\nCMD=uploadphoto";
        body.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        body.write(0);
        body.writeBytes(jpeg);
        return post("/iclock/cdata?SN=" + serial + "&table=ATTPHOTO&Stamp=7", body.toByteArray());
    }

    /** One poll: fetch the commands, carry them out, post the results. */
    void pollOnce() throws IOException, InterruptedException {
        HttpResponse<String> answer = get("/iclock/getrequest?SN=" + serial
                + "&INFO=Ver%208.0.4.2-stub,2,0,0,127.0.0.1,10,7,12,2,111");
        if (answer.statusCode() != 200 || answer.body().trim().equals("OK")) {
            return;
        }
        List<String> results = new ArrayList<>();
        for (String line : answer.body().split("\n")) {
            if (!line.startsWith("C:")) {
                continue;
            }
            int colon = line.indexOf(':', 2);
            String id = line.substring(2, colon);
            String text = line.substring(colon + 1);
            commands.add(text);
            results.add("ID=" + id + "&Return=" + execute(text) + "&CMD=DATA");
        }
        batches.add(results.size());
        post("/iclock/devicecmd?SN=" + serial, String.join("\n", results).getBytes(StandardCharsets.UTF_8));
    }

    private int execute(String text) {
        if (text.equals("AC_UNLOCK")) {
            doorOpens.incrementAndGet();
            return openCode;
        }
        Map<String, String> fields = fields(text);
        String pin = fields.get("PIN");
        if (text.startsWith("DATA UPDATE USERINFO ")) {
            users.put(pin, fields.get("Name"));
            return 0;
        }
        if (text.startsWith("DATA UPDATE BIOPHOTO ") || text.startsWith("DATA UPDATE USERPIC ")) {
            String content = fields.get("Content");
            if (content == null || Integer.parseInt(fields.get("Size")) != content.length()) {
                return -1001;
            }
            Integer refusal = refuseFace.get(pin);
            if (refusal != null) {
                return refusal;
            }
            faces.put(pin, Base64.getDecoder().decode(content));
            return 0;
        }
        if (text.startsWith("DATA DELETE USERINFO ")) {
            users.remove(pin);
            faces.remove(pin);
            return 0;
        }
        return -1002;
    }

    /** The tab-separated key=value fields after the third word. */
    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        String[] words = text.split(" ", 4);
        if (words.length < 4) {
            return fields;
        }
        for (String field : words[3].split("\t")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return fields;
    }

    /** Polls every {@code millis} until closed, unless silent. */
    StubTerminal start(long millis) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (!silent) {
                        pollOnce();
                    }
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    // server stopping
                }
            }
        }, "stub-terminal-" + serial);
        t.setDaemon(true);
        t.start();
        poller = t;
        return this;
    }

    @Override
    public void close() throws InterruptedException {
        Thread t = poller;
        if (t != null) {
            t.interrupt();
            t.join(5000);
        }
    }
}
