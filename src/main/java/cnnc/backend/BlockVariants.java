package cnnc.backend;

import cnnc.check.BlockInstance;
import cnnc.check.CheckedModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes each block's code once: every instance's code is written (innermost first, so that the code
 * of a block that uses another knows the name that other's got), and the instances whose code is the
 * same share one definition; a block whose instances need different code (a size the definition cannot
 * write as an expression of its parameters) gets one definition per kind of instance, named
 * {@code residual}, {@code residual2}, ....
 */
public final class BlockVariants {
    /** Stands for the definition's own name in the code an instance is written as. */
    public static final String NAME = "\u0000";

    private final Map<String, String> nameOf = new HashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, Integer> offsets = new HashMap<>();

    /**
     * @param write how an instance's definition reads, with {@link #NAME} for its name; it may ask
     *              {@link #nameOf} for the instances the block uses
     * @param name  the definition's name for a block and the number of its kind (1, 2, ...), given the
     *              definitions' names so far
     * @param made  told of each new definition's name and the instance it was written from
     */
    public void write(CheckedModel model, Bodies bodies, Function<BlockInstance, String> write,
                      Namer name, java.util.function.BiConsumer<String, BlockInstance> made) {
        Set<String> written = new HashSet<>();
        bodies.instancesByBlock().values().forEach(list -> list.forEach(instance -> written.add(instance.path())));
        List<BlockInstance> innermostFirst = new ArrayList<>(model.blocks());
        innermostFirst.sort(Comparator.comparingInt(BlockInstance::depth).reversed());
        Map<String, Map<String, String>> kinds = new LinkedHashMap<>(); // block -> text -> name
        for (BlockInstance instance : innermostFirst) {
            if (!written.contains(instance.path())) {
                continue;
            }
            String text = write.apply(instance);
            Map<String, String> known = kinds.computeIfAbsent(instance.block(), key -> new LinkedHashMap<>());
            String definition = known.get(text);
            if (definition == null) {
                definition = name.name(instance.block(), known.size() + 1, texts.keySet());
                known.put(text, definition);
                texts.put(definition, text.replace(NAME, definition));
                offsets.put(definition, instance.definition().span().start());
                made.accept(definition, instance);
            }
            nameOf.put(instance.path(), definition);
        }
    }

    /** A definition's name: for a block, the number of its kind (1 for the first), given the names so far. */
    public interface Namer {
        String name(String block, int kind, Set<String> taken);
    }

    /** The definitions' names. */
    public Set<String> names() {
        return texts.keySet();
    }

    /** The definition written for an instance. */
    public String nameOf(BlockInstance instance) {
        return nameOf.get(instance.path());
    }

    /** True when two instances share a definition. */
    public boolean same(BlockInstance a, BlockInstance b) {
        return nameOf.get(a.path()).equals(nameOf.get(b.path()));
    }

    /** The definitions, in the order their blocks are defined, which is usually the order they build on each other. */
    public List<String> texts() {
        return texts.keySet().stream().sorted(Comparator.comparingInt(offsets::get)).map(texts::get).toList();
    }
}
