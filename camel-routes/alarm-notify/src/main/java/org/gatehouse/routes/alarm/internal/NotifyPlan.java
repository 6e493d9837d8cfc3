package org.gatehouse.routes.alarm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.gatehouse.api.Severity;

/**
 * The configuration turned into endpoint URIs: the {@code gatehouse-alarm} source and one {@code gatehouse-notify}
 * target per channel kind, with that kind's filter and the language.
 */
public final class NotifyPlan {
    private static final Pattern KIND = Pattern.compile("[a-z0-9_-]+");
    /** Splits {@code sms=(a=b), email=(c=d)} given as one string (a .cfg file) into entries. */
    private static final Pattern ENTRY_SEPARATOR = Pattern.compile(",\\s*(?=[a-z0-9_-]+\\s*=\\s*\\()");

    private final List<String> channels;
    private final Map<String, String> filters;
    private final String transitions;
    private final String language;
    private final Severity minSeverity;
    private final Map<String, String> fallbacks;

    /**
     * @param channels    channel kinds; entries may hold several kinds separated by commas
     * @param filters     entries {@code kind=(ldap filter)}; one string may hold several, separated by commas
     * @param transitions comma-separated transition names
     * @throws IllegalArgumentException for a malformed kind or filter entry
     */
    public NotifyPlan(List<String> channels, List<String> filters, String transitions, String language,
                      Severity minSeverity) {
        this(channels, filters, transitions, language, minSeverity, List.of());
    }

    /**
     * @param fallbacks entries {@code kind=fallbackKind} ({@code push=sms}): messages of that kind move to the
     *                  fallback channel when theirs keeps failing
     */
    public NotifyPlan(List<String> channels, List<String> filters, String transitions, String language,
                      Severity minSeverity, List<String> fallbacks) {
        Map<String, String> fb = new LinkedHashMap<>();
        for (String entry : split(fallbacks)) {
            String[] kv = entry.split("=", 2);
            if (kv.length != 2 || !KIND.matcher(kv[0].trim()).matches() || !KIND.matcher(kv[1].trim()).matches()) {
                throw new IllegalArgumentException("Fallback entry must be kind=fallbackKind: " + entry);
            }
            fb.put(kv[0].trim(), kv[1].trim());
        }
        this.fallbacks = Map.copyOf(fb);
        Set<String> kinds = new LinkedHashSet<>();
        for (String kind : split(channels)) {
            if (!KIND.matcher(kind).matches()) {
                throw new IllegalArgumentException("Channel kind must match " + KIND + ": " + kind);
            }
            kinds.add(kind);
        }
        this.channels = List.copyOf(kinds);
        this.filters = parseFilters(filters);
        this.transitions = String.join(",", split(List.of(transitions == null ? "" : transitions))).toUpperCase(Locale.ROOT);
        this.language = language == null || language.isBlank() ? "zh-CN" : language.trim();
        this.minSeverity = Objects.requireNonNull(minSeverity, "minSeverity");
    }

    static NotifyPlan of(AlarmNotifyConfig c) {
        return new NotifyPlan(List.of(c.channels()), List.of(c.filters()), c.transitions(), c.language(),
                c.min_severity(), List.of(c.fallbacks()));
    }

    private static Map<String, String> parseFilters(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> all = entries == null ? List.of()
                : entries.stream().filter(Objects::nonNull).flatMap(e -> Stream.of(ENTRY_SEPARATOR.split(e))).toList();
        for (String entry : all) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String kind = eq < 0 ? "" : entry.substring(0, eq).trim();
            String filter = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (!KIND.matcher(kind).matches() || !filter.startsWith("(") || !filter.endsWith(")")) {
                throw new IllegalArgumentException("Filter entry must be kind=(ldap filter): " + entry);
            }
            out.put(kind, filter);
        }
        return out;
    }

    private static List<String> split(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(Objects::nonNull).flatMap(v -> Stream.of(v.split(",")))
                .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** @return {@code gatehouse-alarm:raised?transitions=...} */
    public String sourceUri() {
        return "gatehouse-alarm:raised?transitions=" + transitions;
    }

    /**
     * @param reminders whether reminders go where RAISED goes
     * @return {@link #sourceUri()}, with {@code REMINDED} added when reminders are on and RAISED is sent
     */
    public String sourceUri(boolean reminders) {
        List<String> names = List.of(transitions.split(","));
        return reminders && names.contains("RAISED") && !names.contains("REMINDED") ? sourceUri() + ",REMINDED"
                : sourceUri();
    }

    /** @return one {@code gatehouse-notify:<kind>?language=..[&filter=RAW{..}]} per channel kind, in order */
    public List<String> targetUris() {
        List<String> uris = new ArrayList<>();
        for (String kind : channels) {
            StringBuilder uri = new StringBuilder("gatehouse-notify:").append(kind).append("?language=").append(language);
            String filter = filters.get(kind);
            if (filter != null) {
                uri.append("&filter=RAW{").append(filter).append('}');
            }
            String fallback = fallbacks.get(kind);
            if (fallback != null) {
                uri.append("&fallback=").append(fallback);
            }
            uris.add(uri.toString());
        }
        return uris;
    }

    /** @return filter entries whose kind is not among the channels (they have no effect) */
    public Set<String> unusedFilterKinds() {
        Set<String> unused = new LinkedHashSet<>(filters.keySet());
        channels.forEach(unused::remove);
        return unused;
    }

    public List<String> channels() {
        return channels;
    }

    public String language() {
        return language;
    }

    public Severity minSeverity() {
        return minSeverity;
    }

    @Override
    public String toString() {
        return "channels=" + channels + " filters=" + filters + " transitions=" + transitions + " language="
                + language + " min.severity=" + minSeverity;
    }
}
