package org.gatehouse.camel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.Severity;
import org.junit.jupiter.api.Test;

class AlarmTextTest {
    @Test
    void englishAndChineseTexts() {
        Alarm a = Fakes.alarm(12, Severity.MAJOR, 3, 0);
        assertEquals("Alarm #12 MAJOR fence.intrusion at north-fence (device fence-1), 3 times", AlarmText.text(a, "en"));
        assertEquals("告警 #12 [重大] fence.intrusion 区域 north-fence 设备 fence-1，共 3 次", AlarmText.text(a, "zh-CN"));
        assertEquals("Alarm #12 MAJOR fence.intrusion cleared", AlarmText.subject(a, "CLEARED", "en"));
        assertEquals("告警 #12 [重大] fence.intrusion 已恢复", AlarmText.subject(a, "CLEARED", "zh"));
    }

    @Test
    void englishIsUsedWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            Alarm a = Fakes.alarm(12, Severity.CRITICAL, 1, 0);
            assertEquals("Alarm #12 CRITICAL fence.intrusion", AlarmText.subject(a, "RAISED", "fr"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void missingZoneAndDeviceAndAMessage() {
        Alarm a = new Alarm(123456, "k", "fire.smoke", Severity.CRITICAL, "campus", null, null, "Building B",
                AlarmState.RAISED, 1, null, null, null, 0, null, null, null, null, null);
        assertEquals("Alarm #123456 CRITICAL fire.smoke at campus (device -), once\nBuilding B",
                AlarmText.text(a, "en"));
        assertEquals("Building B", AlarmText.data(a).get("message"));
    }
}
