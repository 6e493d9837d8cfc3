package org.gatehouse.shell.internal;

import java.io.PrintStream;

/**
 * A one-line progress bar redrawn in place with a carriage return: {@code [#######.............]  35/100  35% name}.
 * Redraws at most every 100 ms (and always at the end) so that a fast import does not flood a remote terminal.
 */
final class ProgressBar {
    static final int WIDTH = 30;
    private final PrintStream out;
    private final int total;
    private long lastDraw;
    private int lastLength;

    ProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = Math.max(0, total);
    }

    /** The text of the bar at {@code done} of total. */
    static String render(int done, int total, String label) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        StringBuilder b = new StringBuilder(WIDTH + 40);
        b.append('[');
        for (int i = 0; i < WIDTH; i++) {
            b.append(i < filled ? '#' : '.');
        }
        b.append("] ");
        String n = String.valueOf(total);
        b.append(String.format("%" + n.length() + "d/%s %3d%%", done, n, total == 0 ? 100 : done * 100 / total));
        if (label != null && !label.isEmpty()) {
            b.append(' ').append(label.length() > 40 ? "..." + label.substring(label.length() - 37) : label);
        }
        return b.toString();
    }

    void update(int done, String label) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        String s = render(done, total, label);
        StringBuilder b = new StringBuilder("\r").append(s);
        for (int i = s.length(); i < lastLength; i++) {
            b.append(' ');
        }
        lastLength = s.length();
        out.print(b);
        out.flush();
    }

    /** Ends the line. */
    void finish() {
        update(total, "");
        out.println();
    }
}
