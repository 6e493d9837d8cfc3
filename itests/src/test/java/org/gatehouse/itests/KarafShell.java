package org.gatehouse.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/** Runs a console command in the container under test and returns what it printed (an exception as one line). */
final class KarafShell {
    private KarafShell() {
    }

    static String run(SessionFactory sessions, String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session s = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            s.execute(command);
        } catch (Exception e) {
            out.println("EXCEPTION " + e);
        } finally {
            s.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
