package org.gatehouse.shell.internal;

import java.util.Locale;
import java.util.Map;

/**
 * User-facing texts of a command in English and Chinese (zh-CN): a table of key to {@code {english, chinese}}
 * format strings, read in one language.
 */
class Texts {
    private final Map<String, String[]> texts;
    private final int lang;

    /** @param language {@code zh}, {@code zh-CN} or {@code en}; null for the JVM's default locale */
    Texts(Map<String, String[]> texts, String language) {
        String l = language == null ? Locale.getDefault().getLanguage() : language;
        this.texts = texts;
        this.lang = l.toLowerCase(Locale.ROOT).startsWith("zh") ? 1 : 0;
    }

    /** @return the text of a key (the key itself when unknown), formatted with the arguments */
    String get(String key, Object... args) {
        String[] t = texts.get(key);
        String s = t == null ? key : t[lang];
        return args.length == 0 ? s : String.format(Locale.ROOT, s, args);
    }

    /** @return the words for a reason code (key {@code reason.<code>}), with the code */
    String reason(String code) {
        String[] t = texts.get("reason." + code);
        return (t == null ? code : t[lang]) + " (" + code + ")";
    }
}
