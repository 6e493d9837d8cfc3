package org.gatehouse.api;

/**
 * A guardian bound to a student: who receives the student's gate photos and notices.
 *
 * @param guardianId       person id of the guardian
 * @param studentId        person id of the student
 * @param relation         relation in words (mother, father, grandparent)
 * @param preferredChannel channel kind the guardian prefers ({@code sms}, {@code email}, {@code push})
 * @param consent          whether the guardian consented to face enrollment of the student
 */
public record GuardianBinding(String guardianId, String studentId, String relation, String preferredChannel,
                              boolean consent) {
}
