package cnnc.backend.dl4j;

/**
 * A class the generated file names by its simple name: one of Deeplearning4j's, which the file imports, or a
 * class of cnnc's own, which the file holds.
 */
sealed interface JavaClass permits Dl4jClass, Helper {
    String simpleName();
}
