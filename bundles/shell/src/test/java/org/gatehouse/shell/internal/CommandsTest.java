package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.Subject;

import org.gatehouse.api.AlarmState;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.junit.jupiter.api.Test;

class CommandsTest {

    /** Stands for Karaf's JAAS user principal, recognised by its simple class name. */
    static final class UserPrincipal implements Principal {
        private final String name;

        UserPrincipal(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    /** A principal of another kind (a role) that must not be taken as the user. */
    static final class RolePrincipal implements Principal {
        @Override
        public String getName() {
            return "admin";
        }
    }

    @SuppressWarnings("removal")
    private static <T> T as(String user, PrivilegedExceptionAction<T> action) throws Exception {
        Subject subject = new Subject();
        subject.getPrincipals().add(new RolePrincipal());
        subject.getPrincipals().add(new UserPrincipal(user));
        return Subject.doAs(subject, action);
    }

    @Test
    void siteListPrintsTable() throws Exception {
        SiteListCommand cmd = new SiteListCommand();
        cmd.sites = new Fakes.Sites();
        try (Capture c = new Capture()) {
            assertNull(cmd.execute());
            assertTrue(c.out().contains("North campus"), c.out());
            assertTrue(c.out().contains("Asia/Shanghai"), c.out());
        }
    }

    @Test
    void deviceAddUsesSessionUserAndProperties() throws Exception {
        Fakes.Sites sites = new Fakes.Sites();
        DeviceAddCommand cmd = new DeviceAddCommand();
        cmd.sites = sites;
        cmd.id = "fence-1";
        cmd.site = "north";
        cmd.type = "fence";
        cmd.vendor = "simulator";
        cmd.properties = List.of("address=10.0.0.5", "model=X=1");
        try (Capture c = new Capture()) {
            as("alice", cmd::execute);
            assertEquals("Device fence-1 added (site north, type fence, vendor simulator)", c.out().strip());
        }
        assertEquals(List.of("alice"), sites.actors);
        Device d = sites.devices.get("fence-1");
        assertEquals(Map.of("address", "10.0.0.5", "model", "X=1"), d.properties());
        assertEquals(DeviceStatus.UNKNOWN, d.status());

        DeviceListCommand list = new DeviceListCommand();
        list.sites = sites;
        try (Capture c = new Capture()) {
            list.execute();
            assertTrue(c.out().contains("fence-1") && c.out().contains("UNKNOWN"), c.out());
        }
    }

    @Test
    void userDefaultsToKaraf() {
        assertEquals("karaf", GatehouseAction.currentUser());
    }

    @Test
    void expectedErrorsPrintOneLine() throws Exception {
        DeviceRemoveCommand cmd = new DeviceRemoveCommand();
        cmd.sites = new Fakes.Sites();
        cmd.id = "x";
        try (Capture c = new Capture()) {
            assertNull(cmd.execute());
            assertEquals("Error: unknown-device: device 'x' is not registered", c.err().strip());
            assertEquals("", c.out());
        }

        DeviceAddCommand add = new DeviceAddCommand();
        add.sites = new Fakes.Sites();
        add.id = "d";
        add.site = "north";
        add.type = "fence";
        add.vendor = "v";
        add.properties = List.of("novalue");
        try (Capture c = new Capture()) {
            add.execute();
            assertEquals("Error: invalid-property: property 'novalue' is not key=value", c.err().strip());
        }
    }

    @Test
    void alarmListDefaultsToActiveAndParsesState() throws Exception {
        Fakes.Alarms alarms = new Fakes.Alarms();
        alarms.alarms.add(Fakes.alarm(2, AlarmState.RAISED));
        alarms.alarms.add(Fakes.alarm(1, AlarmState.RESOLVED));
        AlarmListCommand cmd = new AlarmListCommand();
        cmd.alarms = alarms;
        try (Capture c = new Capture()) {
            cmd.execute();
            assertTrue(c.out().startsWith("#2 RAISED"), c.out());
            assertFalse(c.out().contains("#1 "), c.out());
        }
        assertEquals(Set.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED), alarms.queries.get(0).states());
        assertEquals(50, alarms.queries.get(0).limit());

        cmd.all = true;
        try (Capture c = new Capture()) {
            cmd.execute();
            assertEquals(2, c.out().strip().lines().count(), c.out());
        }

        cmd.state = "resolved";
        try (Capture c = new Capture()) {
            cmd.execute();
            assertTrue(c.out().startsWith("#1 RESOLVED"), c.out());
        }

        cmd.state = "bogus";
        try (Capture c = new Capture()) {
            cmd.execute();
            assertEquals("Error: invalid-state: state 'bogus' is not one of RAISED, ACKNOWLEDGED, RESOLVED, CLEARED",
                    c.err().strip());
        }
    }

    @Test
    void alarmAckAndResolveUseSessionUser() throws Exception {
        Fakes.Alarms alarms = new Fakes.Alarms();
        alarms.alarms.add(Fakes.alarm(7, AlarmState.RAISED));
        AlarmAckCommand ack = new AlarmAckCommand();
        ack.alarms = alarms;
        ack.id = 7;
        ack.note = "on my way";
        try (Capture c = new Capture()) {
            as("bob", ack::execute);
            assertTrue(c.out().startsWith("#7 ACKNOWLEDGED"), c.out());
            assertTrue(c.out().contains("ack=bob@"), c.out());
        }
        AlarmResolveCommand resolve = new AlarmResolveCommand();
        resolve.alarms = alarms;
        resolve.id = 99;
        try (Capture c = new Capture()) {
            resolve.execute();
            assertEquals("Error: unknown-alarm: alarm 99 does not exist", c.err().strip());
        }
        assertEquals(List.of("ack 7 bob on my way", "resolve 99 karaf null"), alarms.calls);
    }

    @Test
    void eventTailPrintsOldestFirst() throws Exception {
        Fakes.Events events = new Fakes.Events();
        events.stored.add(Fakes.event("e2", "fence.intrusion", Instant.parse("2025-03-01T08:31:00Z")));
        events.stored.add(Fakes.event("e1", "fence.intrusion", Instant.parse("2025-03-01T08:30:00Z")));
        EventTailCommand cmd = new EventTailCommand();
        cmd.events = events;
        cmd.type = "fence.*";
        cmd.count = 5;
        try (Capture c = new Capture()) {
            cmd.execute();
            List<String> lines = c.out().strip().lines().toList();
            assertEquals(2, lines.size(), c.out());
            assertTrue(lines.get(0).endsWith("id=e1"), lines.get(0));
            assertTrue(lines.get(1).endsWith("id=e2"), lines.get(1));
        }
        assertEquals("fence.*", events.queries.get(0).type());
        assertEquals(5, events.queries.get(0).limit());
        assertNull(events.listener);
    }

    @Test
    void eventTailFollowsUntilInterrupted() throws Exception {
        Fakes.Events events = new Fakes.Events();
        events.stored.add(Fakes.event("e1", "fence.intrusion", Instant.parse("2025-03-01T08:30:00Z")));
        EventTailCommand cmd = new EventTailCommand();
        cmd.events = events;
        cmd.follow = true;
        try (Capture c = new Capture()) {
            Thread session = new Thread(() -> {
                try {
                    cmd.execute();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            session.start();
            long deadline = System.currentTimeMillis() + 5000;
            while (events.listener == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("*", events.pattern);
            // e1 again (already printed from the store) is skipped; e2 is new.
            events.listener.onEvent(Fakes.event("e1", "fence.intrusion", Instant.parse("2025-03-01T08:30:00Z")));
            events.listener.onEvent(Fakes.event("e2", "fence.intrusion", Instant.parse("2025-03-01T08:32:00Z")));
            while (!c.out().contains("id=e2") && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            session.interrupt(); // Ctrl-C
            session.join(5000);
            assertFalse(session.isAlive());
            assertTrue(events.closed, "subscription closed");
            List<String> lines = c.out().strip().lines().toList();
            assertEquals(2, lines.size(), c.out());
            assertTrue(lines.get(0).endsWith("id=e1") && lines.get(1).endsWith("id=e2"), c.out());
        }
    }

    @Test
    void limitIsChecked() throws Exception {
        EventTailCommand cmd = new EventTailCommand();
        cmd.events = new Fakes.Events();
        cmd.count = 0;
        try (Capture c = new Capture()) {
            cmd.execute();
            assertEquals("Error: invalid-limit: -n must be between 1 and 1000, not 0", c.err().strip());
        }
    }

    @Test
    void deviceTestPrintsTheEventsOrTheReason() throws Exception {
        DeviceTestCommand cmd = new DeviceTestCommand();
        cmd.control = new org.gatehouse.api.service.DeviceControl() {
            @Override
            public java.util.concurrent.CompletionStage<org.gatehouse.api.device.CommandResult> execute(String d,
                    org.gatehouse.api.device.DeviceCommand c, String actor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public org.gatehouse.api.device.MappingResult testPayload(String d, String payload) {
                if (!d.equals("fence-gw")) {
                    throw org.gatehouse.api.GatehouseException.invalid("no-mapping",
                            "the driver of device '" + d + "' does not map messages");
                }
                return payload.contains("alarm") ? new org.gatehouse.api.device.MappingResult(true,
                        "map.1: $.state == 'alarm'", java.util.List.of(new org.gatehouse.api.SecurityEvent(
                        "camel:f-1:7", null, null, "f-1", "north", "fence.intrusion",
                        org.gatehouse.api.Severity.MAJOR, java.util.Map.of(), null, null)), null)
                        : org.gatehouse.api.device.MappingResult.unmatched("not JSON: unexpected character");
            }
        };
        cmd.device = "fence-gw";
        cmd.payload = "{\"state\":\"alarm\"}";
        try (Capture c = new Capture()) {
            cmd.execute();
            assertTrue(c.out().contains("Matched map.1: $.state == 'alarm': 1 event(s), not stored"), c.out());
            assertTrue(c.out().contains("MAJOR    fence.intrusion device=f-1 site=- zone=north id=camel:f-1:7"),
                    c.out());
        }
        cmd.payload = "{broken";
        try (Capture c = new Capture()) {
            cmd.execute();
            assertTrue(c.out().contains("No event: not JSON: unexpected character"), c.out());
        }
        cmd.device = "gate-1";
        try (Capture c = new Capture()) {
            cmd.execute();
            assertTrue(c.err().contains("no-mapping"), c.err());
            assertTrue(!c.err().contains("Exception"), c.err());
        }
    }

    @Test
    void deviceCommandParsesParametersAndReportsTheResult() throws Exception {
        java.util.List<String> seen = new java.util.ArrayList<>();
        DeviceCommandCommand cmd = new DeviceCommandCommand();
        cmd.control = (device, command, actor) -> {
            if (!device.equals("gate-1")) {
                throw org.gatehouse.api.GatehouseException.notFound("unknown-device",
                        "device '" + device + "' is not registered");
            }
            seen.add(actor + " " + command.name() + " " + command.parameters());
            return java.util.concurrent.CompletableFuture.completedFuture(command.name().equals("open")
                    ? org.gatehouse.api.device.CommandResult.success()
                    : org.gatehouse.api.device.CommandResult.failed("unsupported command: " + command.name()));
        };
        cmd.device = "gate-1";
        cmd.command = "open";
        cmd.parameters = java.util.List.of("seconds=5");
        try (Capture c = new Capture()) {
            as("guard1", () -> cmd.execute());
            assertTrue(c.out().contains("OK open on gate-1"), c.out());
        }
        assertTrue(seen.get(0).equals("guard1 open {seconds=5}"), seen.toString());
        cmd.command = "fly";
        cmd.parameters = null;
        try (Capture c = new Capture()) {
            cmd.execute();
            assertTrue(c.out().contains("Failed fly on gate-1: unsupported command: fly"), c.out());
        }
        cmd.parameters = java.util.List.of("novalue");
        try (Capture c = new Capture()) {
            cmd.execute();
            assertTrue(c.err().contains("invalid-parameter"), c.err());
        }
        cmd.device = "nope";
        cmd.parameters = null;
        try (Capture c = new Capture()) {
            cmd.execute();
            assertTrue(c.err().contains("unknown-device"), c.err());
            assertTrue(!c.err().contains("\tat "), c.err());
        }
    }

    @Test
    void personListFiltersAndUnknownRolesAreOneLine() throws Exception {
        java.util.List<org.gatehouse.api.Person> all = java.util.List.of(
                new org.gatehouse.api.Person("stu-1", "张小明", org.gatehouse.api.PersonRole.STUDENT, null, null, "zh-CN", "3-2"),
                new org.gatehouse.api.Person("g-1", "Father", org.gatehouse.api.PersonRole.GUARDIAN, "+8613800000001",
                        null, "zh-CN", null));
        PersonListCommand cmd = new PersonListCommand();
        cmd.persons = (org.gatehouse.api.service.PersonService) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.gatehouse.api.service.PersonService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("persons")) {
                        var items = all.stream().filter(p -> args[0] == null || p.role() == args[0]).toList();
                        return new org.gatehouse.api.Page<>(items, items.size(), 0, 50);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        cmd.role = "student";
        try (Capture c = new Capture()) {
            cmd.execute();
            assertTrue(c.out().contains("张小明") && !c.out().contains("Father"), c.out());
        }
        cmd.role = "alien";
        try (Capture c = new Capture()) {
            cmd.execute();
            assertTrue(c.err().contains("invalid-role"), c.err());
        }
    }
}
