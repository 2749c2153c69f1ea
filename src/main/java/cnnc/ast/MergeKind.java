package cnnc.ast;

/** How a merge joins its branches. */
public enum MergeKind {
    ADD(LayerKind.ADD), CONCAT(LayerKind.CONCAT), MULTIPLY(LayerKind.MULTIPLY), MATMUL(LayerKind.MATMUL),
    SELECT(LayerKind.SELECT);

    private final LayerKind kind;

    MergeKind(LayerKind kind) {
        this.kind = kind;
    }

    /** The kind of layer the merge makes. */
    public LayerKind kind() {
        return kind;
    }

    public String word() {
        return kind.op();
    }
}
