package cnnc.ast;

public enum MergeKind {
    ADD, CONCAT, MULTIPLY;

    public String word() {
        return name().toLowerCase();
    }
}
