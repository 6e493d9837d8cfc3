package org.gatehouse.routes.access.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.access.LeavePass;
import org.gatehouse.api.access.LeavePassService;
import org.junit.jupiter.api.Test;

/**
 * The school message routes on a real CamelContext: which gatehouse-notify path and template kind each event reaches,
 * with which target, values and dedupe key (gatehouse-notify itself is tested on the core's real message service in
 * org.gatehouse.camel).
 */
class SchoolMessageRoutesTest extends CamelTestSupport {
    /** What reached gatehouse-notify: the endpoint URI and the exchange. */
    record Sent(String uri, Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, String> values() {
            return exchange.getIn().getBody(Map.class);
        }

        Object header(String name) {
            return exchange.getIn().getHeader(name);
        }
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("gatehouse-notify", new MockComponent() {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
                parameters.clear();
                MockEndpoint m = new MockEndpoint(uri, this) {
                    @Override
                    protected void onExchange(Exchange exchange) {
                        sent.add(new Sent(uri, exchange.copy()));
                        super.onExchange(exchange);
                    }
                };
                return m;
            }
        });
        return context;
    }

    /** One approved pass of stu-1 (reason dentist), for the early-leave reason. */
    static final LeavePassService PASSES = (LeavePassService) java.lang.reflect.Proxy.newProxyInstance(
            SchoolMessageRoutesTest.class.getClassLoader(), new Class<?>[] {LeavePassService.class},
            (proxy, method, args) -> {
                if (method.getName().equals("passes")) {
                    LeavePass p = new LeavePass(3, "stu-1", Instant.parse("2026-03-02T01:00:00Z"),
                            Instant.parse("2026-03-02T04:00:00Z"), "dentist", LeavePass.USED, "parent", "t1",
                            Instant.parse("2026-03-01T12:00:00Z"));
                    return "stu-1".equals(args[0]) ? new Page<>(List.of(p), 1, 0, 50) : new Page<>(List.of(), 0, 0,
                            50);
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @Override
    protected RoutesBuilder createRouteBuilder() {
        SchoolMessageRoutes r = new SchoolMessageRoutes(p -> "direct:" + p.replace("*", "all"),
                "https://school.example/api", " doc-1, doc-2 ,", "zh-CN", "Asia/Shanghai");
        r.links = AccessNotifyRoutesTest.LINKS;
        r.leavePasses = PASSES;
        return r;
    }

    static SecurityEvent event(String id, String type, String person, Map<String, String> attrs) {
        return new SecurityEvent(id, Instant.parse("2026-03-02T02:15:00Z"), "s1", "gate-1", "main-gate", type,
                Severity.INFO, attrs, null, person);
    }

    @Test
    void aFeverGoesToTheDoctorsAndTheGuardiansOnce() {
        template.sendBody("direct:gate.all", event("passage-7", "gate.passage", "stu-1", Map.of("passageId", "7",
                "direction", "out", "temperature", "38.2", "fever", "true")));
        template.sendBody("direct:gate.all", event("passage-8", "gate.passage", "stu-1", Map.of("passageId", "8",
                "direction", "in", "temperature", "36.5")));
        template.sendBody("direct:gate.all", event("passage-9", "gate.stranger", null, Map.of("passageId", "9",
                "fever", "true")));
        assertEquals(2, sent.size(), sent.toString());
        Sent doctors = sent.get(0);
        assertEquals("gatehouse-notify://persons?kind=gate.fever&language=zh-CN", doctors.uri());
        assertEquals("doc-1,doc-2", doctors.header("GatehouseNotifyTarget"));
        assertEquals("gate.fever:7", doctors.header("GatehouseNotifyDedupeKey"));
        assertEquals(Map.of("studentId", "stu-1", "temperature", "38.2", "time", "10:15", "gate", "gate-1",
                "link", "https://school.example/api/s/signed(passage:7,PT72H)"), doctors.values());
        Sent guardians = sent.get(1);
        assertEquals("gatehouse-notify://guardians?kind=gate.fever&language=zh-CN", guardians.uri());
        assertEquals("stu-1", guardians.header("GatehouseNotifyTarget"));
        assertEquals(doctors.values(), guardians.values(), "the guardians get the same values");
        assertEquals("gate.fever:7", guardians.header("GatehouseNotifyDedupeKey"));
    }

    @Test
    void anEarlyLeaveGoesToTheGuardiansWithThePassReason() {
        template.sendBody("direct:gate.early-leave", event("passage-7-leave", "gate.early-leave", "stu-1",
                Map.of("passageId", "7", "direction", "out", "personId", "stu-1")));
        assertEquals(1, sent.size());
        Sent s = sent.get(0);
        assertEquals("gatehouse-notify://guardians?kind=gate.early-leave&language=zh-CN", s.uri());
        assertEquals("stu-1", s.header("GatehouseNotifyTarget"));
        assertEquals("dentist", s.values().get("reason"));
        assertEquals("10:15", s.values().get("time"));
        assertEquals("gate.early-leave:passage-7-leave", s.header("GatehouseNotifyDedupeKey"));
    }

    @Test
    void aStudentStoppedWithoutAPassIsToldToTheHomeroomTeacher() {
        template.sendBody("direct:gate.denied", event("passage-9", "gate.denied", "stu-1", Map.of("reason",
                "no-leave-pass", "open", "false")));
        template.sendBody("direct:gate.denied", event("passage-10", "gate.denied", "stu-1", Map.of("reason",
                "outside-hours")));
        assertEquals(1, sent.size());
        Sent s = sent.get(0);
        assertEquals("gatehouse-notify://homeroom?kind=gate.no-leave-pass&language=zh-CN", s.uri());
        assertEquals("", s.header("GatehouseNotifyTarget"), "empty: the message service takes the student's class");
        assertEquals("stu-1", s.values().get("studentId"));
    }

    @Test
    void leavePassesGoToTheTeacherAndThenTheGuardians() {
        Map<String, String> a = Map.of("passId", "3", "studentId", "stu-1", "group", "3-2", "from",
                "2026-03-02T01:00:00Z", "to", "2026-03-02T04:00:00Z", "reason", "dentist", "actor", "parent");
        template.sendBody("direct:leave.all", event("leave.requested-3", "leave.requested", "stu-1", a));
        template.sendBody("direct:leave.all", event("leave.approved-3", "leave.approved", "stu-1", a));
        template.sendBody("direct:leave.all", event("leave.rejected-4", "leave.rejected", "stu-1", a));
        assertEquals(3, sent.size());
        assertEquals("gatehouse-notify://homeroom?kind=leave.requested&language=zh-CN", sent.get(0).uri());
        assertEquals("3-2", sent.get(0).header("GatehouseNotifyTarget"));
        assertEquals("03-02 09:00", sent.get(0).values().get("from"), "in the site's time zone");
        assertEquals("03-02 12:00", sent.get(0).values().get("to"));
        assertEquals("parent", sent.get(0).values().get("actor"));
        assertEquals("leave.requested:3", sent.get(0).header("GatehouseNotifyDedupeKey"));
        assertEquals("gatehouse-notify://guardians?kind=leave.approved&language=zh-CN", sent.get(1).uri());
        assertEquals("stu-1", sent.get(1).header("GatehouseNotifyTarget"));
        assertEquals("gatehouse-notify://guardians?kind=leave.rejected&language=zh-CN", sent.get(2).uri());
    }

    @Test
    void absencesGoToTheGuardiansAndTheListToTheTeacher() {
        template.sendBody("direct:attendance.all", event("absent-2026-03-02-stu-1", "attendance.absent", "stu-1",
                Map.of("date", "2026-03-02")));
        template.sendBody("direct:attendance.all", event("absent-list-2026-03-02-3-2", "attendance.absent-list", null,
                Map.of("group", "3-2", "count", "2", "names", "李雷、韩梅梅")));
        template.sendBody("direct:attendance.all", event("x", "attendance.other", null, Map.of()));
        assertEquals(2, sent.size(), sent.toString());
        assertEquals("gatehouse-notify://guardians?kind=attendance.absent&language=zh-CN", sent.get(0).uri());
        assertEquals("stu-1", sent.get(0).header("GatehouseNotifyTarget"));
        assertEquals("2026-03-02", sent.get(0).values().get("date"));
        Sent list = sent.get(1);
        assertEquals("gatehouse-notify://homeroom?kind=attendance.absent-list&language=zh-CN", list.uri());
        assertEquals("3-2", list.header("GatehouseNotifyTarget"));
        assertEquals(Map.of("date", "2026-03-02", "group", "3-2", "count", "2", "names", "李雷、韩梅梅"),
                list.values());
        assertTrue(list.header("GatehouseNotifyDedupeKey").toString().endsWith("absent-list-2026-03-02-3-2"));
    }

    @Test
    void aMessageThatCannotBeRenderedIsDroppedWithOneLineAndTheOthersGoOn() throws Exception {
        MockEndpoint approved = context.getEndpoint("gatehouse-notify://guardians?kind=leave.approved&language=zh-CN",
                MockEndpoint.class);
        approved.whenAnyExchangeReceived(exchange -> {
            throw GatehouseException.invalid("template-missing-value", "leave.approved needs student");
        });
        Map<String, String> a = Map.of("passId", "5", "from", "2026-03-02T01:00:00Z", "to", "2026-03-02T04:00:00Z");
        template.sendBody("direct:leave.all", event("leave.approved-5", "leave.approved", "gone", a));
        template.sendBody("direct:leave.all", event("leave.rejected-6", "leave.rejected", "stu-1", a));
        assertEquals(2, sent.size(), "the failed one reached the endpoint, the next one too");
        assertEquals("gatehouse-notify://guardians?kind=leave.rejected&language=zh-CN", sent.get(1).uri());
    }
}
