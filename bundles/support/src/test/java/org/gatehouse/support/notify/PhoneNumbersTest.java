package org.gatehouse.support.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void spacesAndDashesGoAndWhatRemainsMustBeAPhoneNumber() {
        assertEquals("+8613800138000", PhoneNumbers.normalize("+86 138-0013-8000"));
        assertEquals("13800138000", PhoneNumbers.normalize("138 0013 8000"));
        assertEquals("123456", PhoneNumbers.normalize("123456"));
        assertNull(PhoneNumbers.normalize("12345"));
        assertNull(PhoneNumbers.normalize("+1234567890123456"));
        assertNull(PhoneNumbers.normalize("guard@school.example"));
        assertNull(PhoneNumbers.normalize("++8613800138000"));
        assertNull(PhoneNumbers.normalize(null));
    }
}
