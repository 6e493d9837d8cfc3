package org.gatehouse.demo.internal;

import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.service.PersonService;


import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.danger.DangerKind;
import org.gatehouse.api.danger.DangerZoneRule;
import org.gatehouse.api.danger.DangerZoneService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A demo campus created on first start when the store has no site, so a newcomer sees something at once. */
public final class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    public static final String SITE = "demo-school";

    private DemoData() {
    }

    /** @return true if the demo site was created */
    public static boolean seedIfEmpty(SiteService sites, PersonService persons) {
        if (!sites.sites().isEmpty()) {
            return false;
        }
        String a = "demo-data";
        sites.saveSite(new Site(SITE, "示范学校 Demo School", "Asia/Shanghai", "1 Campus Road"), a);
        sites.saveZone(new Zone("main-gate", SITE, "正门 Main gate", ZoneKind.GATE, false, List.of()), a);
        sites.saveZone(new Zone("north-fence", SITE, "北围栏 North fence", ZoneKind.PERIMETER, true, List.of()), a);
        persons.savePerson(new Person("staff-wang", "王保安 Wang (security)", PersonRole.STAFF, "+8613800000101",
                "wang@school.example", "zh-CN", "security"), a);
        persons.savePerson(new Person("staff-li", "李老师 Li (chemistry)", PersonRole.STAFF, "+8613800000102",
                "li@school.example", "zh-CN", "teachers"), a);
        persons.savePerson(new Person("stu-0301", "张小明 Zhang Xiaoming", PersonRole.STUDENT, null, null, "zh-CN", "3-2"), a);
        persons.savePerson(new Person("stu-0302", "Emma Liu", PersonRole.STUDENT, null, null, "en", "3-2"), a);
        persons.savePerson(new Person("gdn-0301a", "张父 Zhang (father)", PersonRole.GUARDIAN, "+8613800000201", null,
                "zh-CN", null), a);
        persons.savePerson(new Person("gdn-0302a", "Grace Liu", PersonRole.GUARDIAN, "+8613800000202",
                "grace@example.com", "en", null), a);
        persons.bind(new GuardianBinding("gdn-0301a", "stu-0301", "father", "sms", true), a);
        persons.bind(new GuardianBinding("gdn-0302a", "stu-0302", "mother", "email", true), a);
        sites.saveZone(new Zone("pond", SITE, "池塘 Pond", ZoneKind.DANGER, false, List.of("staff-wang")), a);
        sites.saveZone(new Zone("chem-store", SITE, "化学品库 Chemical store", ZoneKind.DANGER, false,
                List.of("staff-li")), a);
        sites.saveZone(new Zone("teaching-a", SITE, "教学楼A Teaching building A", ZoneKind.BUILDING, false, List.of()), a);
        sites.saveDevice(new Device("gate-1", SITE, "main-gate", "facegate", "http", "Face gate 1 (in)",
                DeviceStatus.UNKNOWN, Map.of("direction", "in")), a);
        sites.saveDevice(new Device("gate-2", SITE, "main-gate", "facegate", "http", "Face gate 2 (out)",
                DeviceStatus.UNKNOWN, Map.of("direction", "out")), a);
        sites.saveDevice(new Device("fence-n1", SITE, "north-fence", "fence", "http", "Tension fence controller N1",
                DeviceStatus.UNKNOWN, Map.of()), a);
        // the SIA DC-09 receiver of the fence panels (feature gatehouse-fence-dc09, etc/...fence.dc09-demo.cfg)
        sites.saveDevice(new Device("dc09-1", SITE, "north-fence", "fence", "sia-dc09", "SIA DC-09 receiver",
                DeviceStatus.UNKNOWN, Map.of()), a);
        sites.saveDevice(new Device("cam-pond", SITE, "pond", "camera", "http", "Pond camera",
                DeviceStatus.UNKNOWN, Map.of()), a);
        sites.saveDevice(new Device("thermo-1", SITE, "main-gate", "thermo", "http", "Gate thermometer",
                DeviceStatus.UNKNOWN, Map.of()), a);
        LOG.info("Demo site '{}' created with 5 zones, 6 devices, 2 staff, 2 students and their guardians (feature gatehouse-demo; uninstall it, or drop it from"
                + " the boot features, to skip)", SITE);
        return true;
    }

    /**
     * The danger-zone rules of the demo: the pond (WATER) is never allowed and its camera cam-pond gives the live view;
     * the chemical store is allowed on school days 08:00-17:00 and to the chemistry teacher staff-li at any time.
     */
    public static void dangerZones(DangerZoneService dangerZones) {
        String a = "demo-data";
        dangerZones.save(new DangerZoneRule("pond", DangerKind.WATER, List.of(), List.of(), List.of("cam-pond"), null, 0,
                true), a);
        dangerZones.save(new DangerZoneRule("chem-store", DangerKind.CHEMICAL_STORE,
                List.of(new DangerZoneRule.Window("school", LocalTime.of(8, 0), LocalTime.of(17, 0))),
                List.of("staff-li"), List.of(), null, 0, true), a);
        LOG.info("Demo danger zones: pond (never allowed, camera cam-pond), chem-store (school days 08:00-17:00,"
                + " staff-li)");
    }
}
