package cnnc.ast;

public enum PoolKind {
    MAX, AVG;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT) + "pool";
    }
}
