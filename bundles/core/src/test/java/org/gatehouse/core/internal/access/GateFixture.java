package org.gatehouse.core.internal.access;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.access.AttendanceRule;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.AttendanceSummary;
import org.gatehouse.api.access.CalendarDay;
import org.gatehouse.api.access.DayRecord;
import org.gatehouse.api.access.SchoolTerm;
import org.gatehouse.api.device.CommandResult;
import org.gatehouse.api.device.DeviceCommand;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.DeviceInfo;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.MemoryLeavePasses;
import org.gatehouse.core.testing.TestDb;
import org.gatehouse.core.testing.TestEngine;

/**
 * A campus with face gates on a real Derby store and the test engine: gate-in, gate-out, persons with enrolled faces
 * (stu1 3-2, stu2 4-1, staff1, visitor v1), a small in-test attendance calendar and leave passes in memory (the real
 * ones are other domains' services).
 */
final class GateFixture {
    static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    /** A Monday. */
    static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    final Platform p = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());
    final Path dir = Path.of("target/test-snapshots/" + UUID.randomUUID()).toAbsolutePath();
    final Calendar calendar = new Calendar();
    final MemoryLeavePasses passes = new MemoryLeavePasses(SH);

    GateFixture() {
        p.passages.configure(new GateSettings(dir, 30, 37.3f, SH));
        p.faces.engineAdded("onnx", new TestEngine("onnx", "test-a", false));
        p.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        p.sites.saveZone(new Zone("main-gate", "s1", "Main gate", ZoneKind.GATE, false, List.of()), "test");
        gate("gate-in", Map.of("direction", "in"));
        gate("gate-out", Map.of("direction", "out"));
        p.persons.savePerson(new Person("g1", "Guardian", PersonRole.GUARDIAN, "+8613800000001", null, "zh-CN", null),
                "admin");
        student("stu1", "3-2", 1);
        student("stu2", "4-1", 2);
        p.persons.savePerson(new Person("staff1", "Staff 1", PersonRole.STAFF, null, null, null, "security"), "admin");
        p.faces.enroll("staff1", face(3, 0), "admin");
        p.persons.savePerson(new Person("v1", "Visitor 1", PersonRole.VISITOR, null, null, null, null), "admin");
        p.faces.enroll("v1", face(4, 0), "admin");
    }

    void gate(String id, Map<String, String> props) {
        p.sites.saveDevice(new Device(id, "s1", "main-gate", "facegate", "http", id, DeviceStatus.UNKNOWN, props),
                "test");
    }

    void student(String id, String group, int identity) {
        p.persons.savePerson(new Person(id, "Student " + id, PersonRole.STUDENT, null, null, null, group), "admin");
        p.persons.bind(new GuardianBinding("g1", id, "mother", "sms", false), "admin");
        p.faces.recordConsent(id, "g1", true, "admin");
        p.faces.enroll(id, face(identity, 0), "admin");
    }

    static Frame face(int identity, int photo) {
        return new Frame(TestEngine.png(TestEngine.face(identity, photo)), "png");
    }

    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SH).toInstant();
    }

    /** Weekdays are school days; grade 3 arrives by 07:50 and may leave after 16:30. */
    static final class Calendar implements AttendanceService {
        @Override
        public boolean schoolDay(LocalDate date) {
            return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
        }

        @Override
        public Optional<AttendanceRule> rule(String group) {
            return group != null && group.startsWith("3-")
                    ? Optional.of(new AttendanceRule("3", LocalTime.of(7, 50), LocalTime.of(16, 30)))
                    : Optional.empty();
        }

        @Override
        public List<SchoolTerm> terms() {
            return List.of();
        }

        @Override
        public SchoolTerm saveTerm(SchoolTerm term, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteTerm(String id, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CalendarDay> days(LocalDate from, LocalDate to) {
            return List.of();
        }

        @Override
        public CalendarDay saveDay(CalendarDay day, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteDay(LocalDate date, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AttendanceRule> rules() {
            return List.of();
        }

        @Override
        public AttendanceRule saveRule(AttendanceRule rule, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteRule(String grade, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DayRecord> records(LocalDate from, LocalDate to, String group) {
            return List.of();
        }

        @Override
        public List<AttendanceSummary> summary(LocalDate from, LocalDate to, String group) {
            return List.of();
        }
    }

    /** A door driver that answers {@code open} with a fixed result and remembers what it was asked. */
    static final class Door implements DeviceDriver {
        final String deviceId;
        final boolean ok;
        final List<DeviceCommand> received = new ArrayList<>();

        Door(String deviceId, boolean ok) {
            this.deviceId = deviceId;
            this.ok = ok;
        }

        @Override
        public DeviceInfo info() {
            return new DeviceInfo(deviceId, "door", "test", null, null, Set.of("open"));
        }

        @Override
        public void attach(DeviceSink sink) {
        }

        @Override
        public void detach() {
        }

        @Override
        public synchronized CompletionStage<CommandResult> execute(DeviceCommand command) {
            received.add(command);
            return CompletableFuture.completedFuture(ok ? CommandResult.success()
                    : CommandResult.failed("the lock did not answer"));
        }
    }
}
