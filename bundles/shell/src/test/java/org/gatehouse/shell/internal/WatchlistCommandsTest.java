package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gatehouse:watchlist, watchlist-add, watchlist-face, watchlist-import and watchlist-stats on the core on Derby. */
class WatchlistCommandsTest {
    private final Platform core = TestDb.platform();
    private final Path dir = Path.of("target/watchlist-" + UUID.randomUUID()).toAbsolutePath();

    @AfterEach
    void stop() {
        core.stop();
    }

    @Test
    void addsPhotographsListsImportsAndCounts() throws Exception {
        core.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        core.persons.savePerson(new Person("staff1", "Teacher Wang", PersonRole.STAFF, null, null, null, "3-2"), "t");
        core.faces.enroll("staff1", new Frame(TestEngine.png(TestEngine.face(1, 0)), "png"), "t");
        Files.createDirectories(dir);

        WatchlistAddCommand add = new WatchlistAddCommand();
        add.watchlist = core.watchlist;
        add.name = "Zhang San";
        add.reason = "police notice";
        add.risk = "medium";
        add.expires = "2099-01-01";
        String[] out = Capture.run(add);
        assertEquals("wl-1 Zhang San (medium) until 2099-01-01T00:00:00Z", out[0].strip(), out[1]);
        add.expires = "soon";
        assertTrue(Capture.run(add)[1].contains("bad-expiry"));

        WatchlistFaceCommand face = new WatchlistFaceCommand();
        face.watchlist = core.watchlist;
        face.id = "wl-1";
        face.photo = Files.write(dir.resolve("z.png"), TestEngine.png(TestEngine.face(9, 0))).toString();
        assertTrue(Capture.run(face)[0].startsWith("wl-1: template "));
        face.photo = Files.write(dir.resolve("w.png"), TestEngine.png(TestEngine.face(1, 1))).toString();
        out = Capture.run(face);
        assertTrue(out[1].contains("enrolled-person") && out[1].contains("Teacher Wang"), out[1]);
        face.photo = dir.resolve("missing.png").toString();
        assertTrue(Capture.run(face)[1].contains("no-such-file"));

        Path folder = Files.createDirectories(dir.resolve("list"));
        Files.writeString(folder.resolve("list.csv"), "name,reason,photo\nLi Si,notice 2,li.png\n,no name,\n");
        Files.write(folder.resolve("li.png"), TestEngine.png(TestEngine.face(12, 0)));
        WatchlistImportCommand imp = new WatchlistImportCommand();
        imp.watchlist = core.watchlist;
        imp.folder = folder.toString();
        imp.pollMs = 20;
        out = Capture.run(imp);
        assertTrue(out[0].contains("done: 1 of 2 rows created, 1 refused"), out[0] + out[1]);
        assertTrue(out[0].contains("row 3: missing-name"), out[0]);

        WatchlistCommand list = new WatchlistCommand();
        list.watchlist = core.watchlist;
        out = Capture.run(list);
        assertTrue(out[0].contains("Zhang San") && out[0].contains("Li Si"), out[0]);
        list.query = "notice 2";
        out = Capture.run(list);
        assertTrue(out[0].contains("Li Si") && !out[0].contains("Zhang San"), out[0]);

        core.passages.configure(new GateSettings(dir.resolve("snapshots"), 30, 37.3f, ZoneId.of("Asia/Shanghai")));
        core.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "t");
        core.sites.saveZone(new Zone("gate", "s1", "Gate", ZoneKind.GATE, false, List.of()), "t");
        core.sites.saveDevice(new Device("gate-in", "s1", "gate", "facegate", "http", "Gate in", DeviceStatus.UNKNOWN,
                Map.of("direction", "in")), "t");
        core.passages.decide("gate-in", new Frame(TestEngine.png(TestEngine.face(9, 1)), "png"), null, null);
        WatchlistStatsCommand stats = new WatchlistStatsCommand();
        stats.watchlist = core.watchlist;
        out = Capture.run(stats);
        assertTrue(out[0].startsWith("threshold 0.50: 1 hits, 0 confirmed, 0 false, 1 unreviewed"), out[0]);
        assertTrue(out[0].contains("wl-1"), out[0]);
        stats.from = "yesterday";
        assertTrue(Capture.run(stats)[1].contains("invalid-from"));
    }
}
