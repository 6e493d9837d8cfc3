package org.gatehouse.core.internal.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.gatehouse.api.Severity;
import org.gatehouse.api.service.AlarmService.Transition;
import org.gatehouse.core.internal.template.TemplateText;

/**
 * The words the message service puts into template variables, in one language: severities, alarm transitions, how
 * often, the direction of a passage, the temperature sentence. They come from {@code words_en.properties} and
 * {@code words_zh_CN.properties} (UTF-8, MessageFormat patterns) next to this class; the sentences around them are
 * the templates of the TemplateService, which an operator can override.
 */
final class Words {
    private static final Map<String, Words> BY_LANGUAGE = Map.of("zh-CN", new Words(Locale.SIMPLIFIED_CHINESE, "zh_CN"),
            "en", new Words(Locale.ENGLISH, "en"));

    private final Locale locale;
    private final Properties words = new Properties();

    private Words(Locale locale, String suffix) {
        this.locale = locale;
        String resource = "words_" + suffix + ".properties";
        try (InputStream in = Words.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + resource);
            }
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** @return the words of a language tag (any {@code zh} tag is zh-CN, anything else en) */
    static Words of(String language) {
        return BY_LANGUAGE.get(TemplateText.language(language));
    }

    private String format(String key, Object... args) {
        String pattern = words.getProperty(key);
        if (pattern == null) {
            throw new IllegalStateException("word " + key + " missing for " + locale);
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /** @return the severity in words, {@code -} for none */
    String severity(Severity severity) {
        return severity == null ? "-" : format("severity." + severity.name());
    }

    /** @return the transition in words ({@code escalated to level 2}); empty for RAISED */
    String status(Transition transition, int level) {
        return format("status." + transition.name(), String.valueOf(level));
    }

    /** @return how many events folded into an alarm ({@code once}, {@code 3 times}) */
    String times(int count) {
        return format("times", count);
    }

    /** @return the escalation level in words, empty at level 0 */
    String escalation(int level) {
        return level > 0 ? format("escalation", String.valueOf(level)) : "";
    }

    /** @return entered school or left school */
    String direction(boolean in) {
        return format(in ? "direction.in" : "direction.out");
    }

    /** @return the temperature sentence, empty when none was measured */
    String temperature(String celsius) {
        return celsius == null ? "" : format("temperature", celsius);
    }

    /** @return what stands between the names in a list of children */
    String listSeparator() {
        return words.getProperty("list.separator");
    }
}
