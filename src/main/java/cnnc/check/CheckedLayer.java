package cnnc.check;

import cnnc.ast.ActivationKind;
import cnnc.ast.Layer;
import cnnc.ast.LayerKind;
import cnnc.diag.Diagnostic;
import java.util.List;

/**
 * A layer after checking: what it reads, what it produces, which parameters it holds, where its
 * outputs read its inputs and what it computes. Backends translate these; they never recompute a
 * shape, a count or a padding.
 *
 * @param index     1-based row number
 * @param name      unique name derived from the description (conv1, maxpool1, ...), used by every backend
 * @param kind      the kind of layer; for an implicit flatten, FLATTEN
 * @param layer     the layer as written, every expression a literal; for an implicit flatten, a Flatten
 *                  spanning the dense layer that needed it
 * @param inputs    the rows that feed this one, by index; 0 is the model's input. A plain chain has
 *                  exactly {@code [index - 1]}; merges (add, concat) in a graph have several
 * @param footprint where output positions read input positions: the windows of a convolution or pooling
 * @param cost      MACs and FLOPs for one example, worked out
 * @param working   how the output shape was worked out, and what the layer does not count
 * @param implicit  true for a layer cnnc inserted (the flatten before a dense layer on an image)
 * @param block     the block instances this layer was made in, outermost first, joined by '/'
 *                  (e.g. {@code stage2/down1}); "" for a layer written at the top level
 * @param usedAt    for a layer made in a block, where each enclosing block instance was used, innermost
 *                  first: notes a backend adds to a diagnostic about this layer, as the checker does
 */
public record CheckedLayer(int index, String name, LayerKind kind, Layer layer, List<Integer> inputs,
                           List<Shape> inputShapes, Shape outputShape, List<ParamTensor> tensors, Footprint footprint,
                           Cost cost, Working working, boolean implicit, String block, List<Diagnostic.Note> usedAt) {

    public CheckedLayer {
        inputs = List.copyOf(inputs);
        inputShapes = List.copyOf(inputShapes);
        tensors = List.copyOf(tensors);
        usedAt = List.copyOf(usedAt);
    }

    /**
     * The activation the output ends in: the layer's own ({@code dense 10 softmax}, or {@code softmax} as a
     * layer), linear for a layer without one and for the flatten cnnc puts in.
     */
    public ActivationKind activation() {
        return !implicit && layer instanceof Layer.Activated activated ? activated.activation().kind()
                : ActivationKind.LINEAR;
    }

    /** The shape of the first (for most layers, the only) input. */
    public Shape inputShape() {
        return inputShapes.get(0);
    }

    // loops, not streams: these run for every row of every report on a cold JVM, where a stream
    // pipeline costs the interpreter many times the sum it computes
    public long params() {
        long sum = 0;
        for (ParamTensor tensor : tensors) {
            sum += tensor.count();
        }
        return sum;
    }

    public long trainableParams() {
        long sum = 0;
        for (ParamTensor tensor : tensors) {
            sum += tensor.trainable() ? tensor.count() : 0;
        }
        return sum;
    }

    public long nonTrainableParams() {
        return params() - trainableParams();
    }

    /** The tensor of that name, for a backend that needs one of its sizes (a convolution's channels per group). */
    public ParamTensor tensor(TensorName name) {
        return tensors.stream().filter(t -> t.name() == name).findFirst()
                .orElseThrow(() -> new IllegalStateException(this.name + " has no " + name.word()));
    }
}
