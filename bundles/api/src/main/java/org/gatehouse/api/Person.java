package org.gatehouse.api;

/**
 * A person known to the school.
 *
 * @param id       stable identifier
 * @param name     display name
 * @param role     role at the school
 * @param phone    mobile number in E.164 form, may be null
 * @param email    e-mail address, may be null
 * @param language preferred language tag for messages ({@code zh-CN} or {@code en})
 * @param group    class or department: {@code 3-2} (grade 3, class 2) for a student, {@code security} for staff; may
 *                 be null. Notices address audiences by it.
 */
public record Person(String id, String name, PersonRole role, String phone, String email, String language,
                     String group) {
}
