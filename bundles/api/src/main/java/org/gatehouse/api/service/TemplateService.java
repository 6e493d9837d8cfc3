package org.gatehouse.api.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Message templates: every message kind (an alarm, each kind of home-school notice) declares its variables; each kind
 * has a template per language ({@code zh-CN}, {@code en}) shipped as a default and overridable in the store. A
 * template is text with {@code {{variable}}} placeholders. It is checked when it is saved, not when a message is
 * rendered: an undeclared variable ({@code template-unknown-variable}), a required variable the template does not use
 * ({@code template-missing-variable}) or a malformed placeholder ({@code template-syntax}) is an INVALID
 * {@link org.gatehouse.api.GatehouseException}.
 */
@ProviderType
public interface TemplateService {
    /** The languages templates exist in. */
    List<String> LANGUAGES = List.of("zh-CN", "en");

    /**
     * A variable a message kind offers to its templates.
     *
     * @param name        placeholder name, used as {@code {{name}}}
     * @param required    whether every template of the kind must use it
     * @param description what it holds
     */
    record Variable(String name, boolean required, String description) {
    }

    /**
     * A kind of message and its variables.
     *
     * @param kind        kind id, e.g. {@code alarm} or {@code notice.safety.drowning}
     * @param description what the messages are for
     * @param variables   the variables, required ones first
     */
    record MessageKind(String kind, String description, List<Variable> variables) {
        public MessageKind {
            variables = List.copyOf(variables);
        }
    }

    /**
     * A template of one kind in one language.
     *
     * @param kind      message kind
     * @param language  {@code zh-CN} or {@code en}
     * @param subject   subject or title template (one line)
     * @param body      body template
     * @param custom    true when overridden in the store, false for the shipped default
     * @param updated   when the override was saved, null for a default
     * @param updatedBy who saved the override, null for a default
     */
    record Template(String kind, String language, String subject, String body, boolean custom, Instant updated,
                    String updatedBy) {
    }

    /** A rendered message. */
    record Rendered(String subject, String text) {
    }

    /** @return every message kind, ordered by kind */
    List<MessageKind> kinds();

    /** @return the kind, empty when unknown */
    Optional<MessageKind> kind(String kind);

    /** @return the effective templates (overrides, else defaults), by kind then language; kind null for all */
    List<Template> templates(String kind);

    /** @return the effective template of a kind in a language */
    Optional<Template> template(String kind, String language);

    /**
     * Validates and stores an override of a template.
     *
     * @throws org.gatehouse.api.GatehouseException NOT_FOUND {@code unknown-template-kind}; INVALID
     *         {@code template-unknown-variable}, {@code template-missing-variable}, {@code template-syntax},
     *         {@code bad-language}
     */
    Template save(String kind, String language, String subject, String body, String actor);

    /** Removes the override so the shipped default applies again; returns the default. */
    Template reset(String kind, String language, String actor);

    /**
     * Renders the effective template of a kind in a language (any {@code zh} tag is zh-CN, anything else en).
     *
     * @throws org.gatehouse.api.GatehouseException INVALID {@code template-missing-value} when a required variable
     *         has no value; optional variables without a value render empty
     */
    Rendered render(String kind, String language, Map<String, String> values);
}
