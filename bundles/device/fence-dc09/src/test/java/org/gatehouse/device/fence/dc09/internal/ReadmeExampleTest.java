package org.gatehouse.device.fence.dc09.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.perimeter.FenceEvents;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's python3 example, run as written (on the test's port) against a receiver: ACK and the alarm event. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReadmeExampleTest {

    @Test
    void thePythonExampleIsAcknowledgedAndStored() throws Exception {
        String readme = Files.readString(Path.of("../../../README.md"));
        int start = readme.indexOf("python3 - <<'PY'\n");
        int end = readme.indexOf("\nPY\n", start);
        assertTrue(start >= 0 && end > start, "the README's DC-09 example");
        String script = readme.substring(start + "python3 - <<'PY'\n".length(), end + 1);
        try (Fixture f = new Fixture(Map.of())) {
            Process p;
            try {
                p = new ProcessBuilder("python3", "-").redirectErrorStream(true).start();
            } catch (IOException e) {
                Assumptions.abort("python3 is not installed: " + e.getMessage());
                return;
            }
            p.getOutputStream().write(script.replace("7010", String.valueOf(f.port))
                    .getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains("0028\"ACK\"0001R0L0#1234[]_"), out);
            List<SecurityEvent> events = f.events("fence-n1");
            assertEquals(1, events.size());
            assertEquals(FenceEvents.INTRUSION, events.get(0).type());
        }
    }
}
