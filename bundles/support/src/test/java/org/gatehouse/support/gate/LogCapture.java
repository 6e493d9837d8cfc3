package org.gatehouse.support.gate;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies what slf4j-simple writes to System.err while it is open (the test log still shows it), so that the drivers'
 * tests can count their log lines (one line per event, no stack trace for expected bad input).
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream old = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    public LogCapture() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (copy) {
                    copy.write(b);
                }
                old.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (copy) {
                    copy.write(b, off, len);
                }
                old.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** @return how many captured lines contain the text */
    public long lines(String text) {
        String all;
        synchronized (copy) {
            all = copy.toString(StandardCharsets.UTF_8);
        }
        return all.lines().filter(l -> l.contains(text)).count();
    }

    @Override
    public void close() {
        System.setErr(old);
    }
}
