package cnnc.ast;

import cnnc.source.Span;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code defaults torch}, {@code defaults bn eps 0.00001 momentum 0.1}: the values a {@code bn} or
 * {@code ln} takes where it does not write them, for the whole file. A convention sets the values of
 * a framework's own layers; a setting written after it overrides the convention's.
 *
 * @param convention {@code torch}, {@code keras}, or "" when none is named
 */
public record Defaults(String convention, List<Setting> settings, Span span) implements Statement {
    private static final Span NONE_SPAN = new Span(0, 0, 1, 1);

    /** None written: every layer takes cnnc's own defaults (Keras's). */
    public static final Defaults NONE = new Defaults("", List.of(), NONE_SPAN);

    /** The framework conventions a {@code defaults} statement may name, each as its settings. */
    public static final Map<String, List<Setting>> CONVENTIONS = Map.of(
            "torch", List.of(setting(LayerKind.BN, Modifier.EPS, "0.00001"), setting(LayerKind.BN, Modifier.MOMENTUM, "0.1"),
                    setting(LayerKind.LN, Modifier.EPS, "0.00001")),
            "keras", List.of(setting(LayerKind.BN, Modifier.EPS, "0.001"), setting(LayerKind.BN, Modifier.MOMENTUM, "0.01"),
                    setting(LayerKind.LN, Modifier.EPS, "0.001")));

    /** The kinds whose modifiers a {@code defaults} statement may set, and those modifiers. */
    public static final Map<LayerKind, List<Modifier>> SETTABLE = Map.of(
            LayerKind.BN, List.of(Modifier.EPS, Modifier.MOMENTUM), LayerKind.LN, List.of(Modifier.EPS));

    public Defaults {
        settings = List.copyOf(settings);
    }

    /** {@code eps 0.00001} of {@code bn}: one value a layer of the kind takes where it does not write its own. */
    public record Setting(LayerKind kind, Modifier modifier, String value, Span span) {
    }

    private static Setting setting(LayerKind kind, Modifier modifier, String value) {
        return new Setting(kind, modifier, value, NONE_SPAN);
    }

    /** The value in force for a kind's modifier: written, else the convention's, else "" (cnnc's own). */
    public String value(LayerKind kind, Modifier modifier) {
        for (Setting setting : settings) {
            if (setting.kind() == kind && setting.modifier() == modifier) {
                return setting.value();
            }
        }
        for (Setting setting : CONVENTIONS.getOrDefault(convention, List.of())) {
            if (setting.kind() == kind && setting.modifier() == modifier) {
                return setting.value();
            }
        }
        return "";
    }

    /** Every value in force, kind by kind in the order of {@link #SETTABLE}'s kinds: for the JSON report. */
    public Map<LayerKind, Map<Modifier, String>> values() {
        Map<LayerKind, Map<Modifier, String>> values = new LinkedHashMap<>();
        for (LayerKind kind : List.of(LayerKind.BN, LayerKind.LN)) {
            for (Modifier modifier : SETTABLE.get(kind)) {
                String value = value(kind, modifier);
                if (!value.isEmpty()) {
                    values.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(modifier, value);
                }
            }
        }
        return values;
    }

    /** As written, in cnnc's spelling: {@code defaults torch bn eps 0.001}. */
    public String text() {
        StringBuilder text = new StringBuilder("defaults");
        if (!convention.isEmpty()) {
            text.append(' ').append(convention);
        }
        LayerKind kind = null;
        for (Setting setting : settings) {
            if (setting.kind() != kind) {
                kind = setting.kind();
                text.append(' ').append(kind.op());
            }
            text.append(' ').append(setting.modifier().word()).append(' ').append(setting.value());
        }
        return text.toString();
    }

    public boolean isNone() {
        return convention.isEmpty() && settings.isEmpty();
    }

    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitDefaults(this);
    }
}
