package org.gatehouse.core.internal.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.api.service.TemplateService.MessageKind;
import org.gatehouse.api.service.TemplateService.Variable;

/** The message kinds the platform knows and the variables each offers to its templates. */
final class TemplateCatalog {
    private TemplateCatalog() {
    }

    static final Map<String, MessageKind> KINDS;

    static {
        Map<String, MessageKind> m = new TreeMap<>();
        add(m, "alarm", "An alarm raised, escalated or closed (the alarm notification route)",
                req("alarmId", "alarm number"), req("severity", "severity in the recipient's language"),
                req("type", "event type, e.g. fence.intrusion"), req("place", "zone (or site) of the alarm"),
                opt("device", "device id, - when none"), opt("count", "how many events folded into the alarm"),
                opt("times", "the count in words (3 times, once / 3 次)"),
                opt("level", "escalation level"), opt("transition", "RAISED, ESCALATED, ..."),
                opt("status", "the transition in words (escalated to level 2, 已确认), empty when raised"),
                opt("escalation", "the escalation level in words (, escalation level 2), empty at level 0"),
                opt("message", "the alarm's message"));
        String[] safety = {"drowning", "traffic", "fraud", "fire"};
        String[] what = {"drowning prevention (防溺水)", "traffic safety (交通安全)", "fraud prevention (防诈骗)",
            "fire safety (消防安全)"};
        for (int i = 0; i < safety.length; i++) {
            add(m, "notice.safety." + safety[i], "Weekly safety education: " + what[i],
                    req("school", "school name"), opt("guardian", "the guardian's name"),
                    opt("student", "the guardian's children in the audience"), opt("week", "week label"));
        }
        add(m, "notice.closure", "School closure (weather, holiday, emergency)", req("school", "school name"),
                req("date", "closure date(s)"), req("reason", "why"), opt("resume", "when school resumes"),
                opt("guardian", "the guardian's name"), opt("student", "the guardian's children"));
        add(m, "notice.pickup-change", "A change of pick-up time or place", req("school", "school name"),
                req("date", "date"), req("time", "new pick-up time"), req("place", "pick-up place"),
                opt("guardian", "the guardian's name"), opt("student", "the guardian's children"));
        add(m, "notice.announcement", "A generic announcement", req("school", "school name"),
                req("title", "title"), req("body", "text"), opt("guardian", "the guardian's name"),
                opt("student", "the guardian's children"));
        add(m, "gate.passage", "A student passed a face gate (to the bound guardians, with the snapshot link)",
                req("student", "the student's name"), req("time", "time of the passage, HH:mm"),
                req("gate", "the face gate's name"),
                req("direction", "entered / left school in the recipient's language (入校 / 离校)"),
                opt("temperature", "the measured body temperature as a sentence, empty when none was measured"),
                opt("link", "the signed link to the snapshot, empty when there is none"));
        add(m, "gate.fever", "A student measured a fever at a face gate (to the school doctors and the guardians)",
                req("student", "the student's name"), req("temperature", "the measured temperature, e.g. 37.9"),
                req("time", "time of the passage, HH:mm"), req("gate", "the face gate's name"),
                opt("group", "the student's class"), opt("link", "the signed link to the snapshot"));
        add(m, "gate.early-leave", "A student left school during school hours with an approved pass (to the guardians)",
                req("student", "the student's name"), req("time", "time of the passage, HH:mm"),
                opt("gate", "the face gate's name"), opt("reason", "the reason of the leave pass"),
                opt("group", "the student's class"), opt("link", "the signed link to the snapshot"));
        add(m, "gate.no-leave-pass", "A student was stopped going out without a leave pass (to the homeroom teacher)",
                req("student", "the student's name"), req("time", "time of the attempt, HH:mm"),
                opt("gate", "the face gate's name"), opt("group", "the student's class"));
        add(m, "leave.requested", "An early-leave pass was asked for (to the homeroom teacher)",
                req("student", "the student's name"), req("from", "start, MM-dd HH:mm"), req("to", "end, MM-dd HH:mm"),
                opt("reason", "why"), opt("group", "the student's class"), opt("actor", "who asked"),
                opt("passId", "the pass number"));
        add(m, "leave.approved", "An early-leave pass was approved (to the guardians)",
                req("student", "the student's name"), req("from", "start, MM-dd HH:mm"), req("to", "end, MM-dd HH:mm"),
                opt("reason", "why"), opt("group", "the student's class"), opt("passId", "the pass number"));
        add(m, "leave.rejected", "An early-leave pass was rejected (to the guardians)",
                req("student", "the student's name"), req("from", "start, MM-dd HH:mm"), req("to", "end, MM-dd HH:mm"),
                opt("reason", "why"), opt("group", "the student's class"), opt("passId", "the pass number"));
        add(m, "attendance.absent", "A student is absent today (to the guardians)",
                req("student", "the student's name"), req("date", "the day, yyyy-MM-dd"),
                opt("group", "the student's class"));
        add(m, "attendance.absent-list", "The absent students of a class (to the homeroom teacher)",
                req("group", "the class"), req("date", "the day, yyyy-MM-dd"), req("count", "how many are absent"),
                opt("names", "the names of the absent students"));
        // visitors and watchlist hits (camel-routes/visitors); the window is MM-dd HH:mm-HH:mm in the site's zone
        add(m, "visit.request", "A visit waits for the host's approval (to the host, with the console link)",
                req("visitor", "the visitor's name"), req("window", "the visit window"), opt("purpose", "why"),
                opt("host", "the host's name"), opt("link", "the console page of the visit, to approve or reject it"),
                opt("visitId", "the visit number"));
        add(m, "visit.approved", "A visit was approved (to the visitor)", req("host", "the host's name"),
                req("window", "the visit window"), opt("visitor", "the visitor's name"), opt("purpose", "why"),
                opt("note", "the host's note"), opt("visitId", "the visit number"));
        add(m, "visit.rejected", "A visit was rejected (to the visitor)", req("window", "the visit window"),
                opt("visitor", "the visitor's name"), opt("host", "the host's name"), opt("purpose", "why"),
                opt("note", "the reason given"), opt("visitId", "the visit number"));
        add(m, "visit.cancelled", "A visit was cancelled (to the visitor)", req("window", "the visit window"),
                opt("visitor", "the visitor's name"), opt("host", "the host's name"), opt("purpose", "why"),
                opt("note", "the reason given"), opt("visitId", "the visit number"));
        add(m, "visit.arrived", "A visitor passed the gate (to the host)", req("visitor", "the visitor's name"),
                req("time", "time of the passage, HH:mm"), req("gate", "the gate's name"),
                opt("window", "the visit window"), opt("host", "the host's name"),
                opt("link", "the signed link to the snapshot"), opt("visitId", "the visit number"));
        add(m, "visit.overstay", "A visitor is still on campus after the window (to the host and the guard room)",
                req("visitor", "the visitor's name"), req("window", "the visit window"),
                opt("host", "the host's name"), opt("place", "where the visitor was seen last"),
                opt("link", "the console page of the visit"), opt("visitId", "the visit number"));
        add(m, "watchlist.hit", "A person on the watchlist was seen (to the security staff and the duty leader)",
                req("name", "the name on the watchlist"), req("risk", "low, medium or high"),
                req("score", "the similarity, 2 decimals"), req("gate", "the gate or camera"),
                req("time", "time of the capture, HH:mm"),
                opt("snapshot", "the signed link to the live snapshot"),
                opt("link", "the console page of the alarm (the snapshot beside the watchlist photo)"),
                opt("alarmId", "the alarm number"));
        // danger zones (camel-routes/danger-zones): a presence outside the allowed hours, to the zone's staff
        add(m, "danger.warning", "Someone is in a danger zone when nobody should be (to the zone's responsible staff"
                        + " and the duty leader)", req("zone", "the zone's name"),
                req("time", "time of the presence, HH:mm"), req("device", "the sensor or camera that saw it"),
                opt("kind", "WATER, LAB, CHEMICAL_STORE or CONSTRUCTION"),
                opt("persons", "how many people the camera counted"),
                opt("snapshot", "the signed link to the snapshot"),
                opt("live", "the signed, expiring link to the camera's live view"),
                opt("link", "the console page of the alarm"), opt("alarmId", "the alarm number"));
        KINDS = Map.copyOf(m);
    }

    private static void add(Map<String, MessageKind> m, String kind, String description, Variable... vars) {
        List<Variable> v = new ArrayList<>(List.of(vars));
        m.put(kind, new MessageKind(kind, description, v));
    }

    private static Variable req(String name, String description) {
        return new Variable(name, true, description);
    }

    private static Variable opt(String name, String description) {
        return new Variable(name, false, description);
    }
}
