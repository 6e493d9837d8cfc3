package org.gatehouse.rest.internal.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles allowed to call a resource method. {@code admin} is always allowed. {@link #ANY} allows every
 * authenticated caller. A resource method without this annotation and without {@link Public} is refused.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Roles {
    String ADMIN = "admin";
    String INTEGRATOR = "integrator";
    String SECURITY = "security";
    String TEACHER = "teacher";
    /** A parent: sees only its own children (through its linked GUARDIAN person). */
    String GUARDIAN = "guardian";
    String DEVICE = "device";
    /** Any authenticated caller. */
    String ANY = "*";

    String[] value();
}
