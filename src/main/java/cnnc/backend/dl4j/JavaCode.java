package cnnc.backend.dl4j;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of the generated Java and the classes it names: the file imports, and holds, what its pieces name
 * and nothing else, without reading its own text.
 */
record JavaCode(String text, List<JavaClass> classes) {
    JavaCode {
        classes = List.copyOf(classes);
    }

    static JavaCode of(String text, JavaClass... classes) {
        return new JavaCode(text, List.of(classes));
    }

    /** This code, then {@code more}. */
    JavaCode then(JavaCode more) {
        List<JavaClass> all = new ArrayList<>(classes);
        all.addAll(more.classes);
        return new JavaCode(text + more.text, all);
    }
}
