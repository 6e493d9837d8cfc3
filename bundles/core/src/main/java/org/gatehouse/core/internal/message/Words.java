package org.gatehouse.core.internal.message;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

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
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Map<String, Words> BY_LANGUAGE = Map.of("zh-CN", new Words(Locale.SIMPLIFIED_CHINESE),
            "en", new Words(Locale.ENGLISH));

    private final Locale locale;
    private final ResourceBundle words;

    private Words(Locale locale) {
        this.locale = locale;
        // properties bundles are read as UTF-8 (Java 9+); no fallback to the JVM's default locale
        this.words = ResourceBundle.getBundle(Words.class.getPackageName() + ".words", locale,
                Words.class.getClassLoader(), NO_FALLBACK);
    }

    /** @return the words of a language tag (any {@code zh} tag is zh-CN, anything else en) */
    static Words of(String language) {
        return BY_LANGUAGE.get(TemplateText.language(language));
    }

    private String format(String key, Object... args) {
        return new MessageFormat(words.getString(key), locale).format(args);
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
        return words.getString("list.separator");
    }
}
