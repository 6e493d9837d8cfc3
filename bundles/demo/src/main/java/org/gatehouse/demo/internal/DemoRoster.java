package org.gatehouse.demo.internal;

import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.DutyService;


import java.time.LocalTime;
import java.util.List;

import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.DutyService.Shift;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo additions for notices and the duty roster, created with the demo site: a 24-hour roster (guard room and duty
 * leader, day and night shifts) and a second class (3-1) with guardians, one of them a parent of children in both.
 */
public final class DemoRoster {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRoster.class);

    private DemoRoster() {
    }

    public static void seed(PersonService persons, DutyService duty) {
        String a = "demo-data";
        persons.savePerson(new Person("staff-zhao", "赵保安 Zhao (night guard)", PersonRole.STAFF, "+8613800000103",
                null, "zh-CN", "security"), a);
        persons.savePerson(new Person("staff-chen", "陈校长 Chen (principal)", PersonRole.STAFF, "+8613800000104",
                "chen@school.example", "zh-CN", "leaders"), a);
        persons.savePerson(new Person("staff-sun", "孙主任 Sun (night leader)", PersonRole.STAFF, "+8613800000105",
                null, "zh-CN", "leaders"), a);
        persons.savePerson(new Person("stu-0311", "张小红 Zhang Xiaohong", PersonRole.STUDENT, null, null, "zh-CN", "3-1"), a);
        persons.savePerson(new Person("stu-0312", "Oliver Smith", PersonRole.STUDENT, null, null, "en", "3-1"), a);
        persons.savePerson(new Person("gdn-0312a", "Jane Smith", PersonRole.GUARDIAN, "+8613800000212",
                "jane@example.com", "en", null), a);
        persons.savePerson(new Person("gdn-0301b", "张母 Zhang (mother)", PersonRole.GUARDIAN, "+8613800000203", null,
                "zh-CN", null), a);
        // the Zhang parents have a child in each class: a school-wide notice reaches each of them once
        persons.bind(new GuardianBinding("gdn-0301a", "stu-0311", "father", "sms", true), a);
        persons.bind(new GuardianBinding("gdn-0301b", "stu-0301", "mother", "sms", true), a);
        persons.bind(new GuardianBinding("gdn-0301b", "stu-0311", "mother", "sms", true), a);
        persons.bind(new GuardianBinding("gdn-0312a", "stu-0312", "mother", "email", false), a);
        LocalTime day = LocalTime.of(8, 0);
        LocalTime night = LocalTime.of(20, 0);
        duty.save(new Shift("demo-guard-day", DemoData.SITE, "staff-wang", "guard-room", List.of(), day, night, null,
                null), a);
        duty.save(new Shift("demo-guard-night", DemoData.SITE, "staff-zhao", "guard-room", List.of(), night, day, null,
                null), a);
        duty.save(new Shift("demo-leader-day", DemoData.SITE, "staff-chen", "leader", List.of(), day, night, null,
                null), a);
        duty.save(new Shift("demo-leader-night", DemoData.SITE, "staff-sun", "leader", List.of(), night, day, null,
                null), a);
        LOG.info("Demo duty roster created: guard room and duty leader around the clock; class 3-1 with guardians");
    }
}
