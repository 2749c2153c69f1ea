package cnnc.imports.torch;

import java.util.ArrayList;
import java.util.List;

/** A statement being written: one node's layer, or a merge of its inputs. */
final class Step {
    final TorchNode node;
    String text;
    /** {@code add}, {@code multiply} or {@code concat} for a merge. */
    String merge;
    final List<Step> inputs = new ArrayList<>();
    int consumers;
    /** A padding layer's zeros (or -inf), before and after each spatial axis; null for other layers. */
    int[][] pads;
    boolean negativeInfinity;
    /** A convolution's or pooling's window, stride and dilation with no padding of its own: null for others. */
    int[] kernel;
    int[] stride;
    int[] dilation;
    /** The activation a statement can take behind it ({@code conv ... relu}): true for conv, dense and the like. */
    boolean takesActivation;
    /** cnnc torch's PerChannel behind a pooling ({@code maxpool1_scale}): the pooling's {@code scaled}. */
    boolean scales;
    /** A {@code select}'s {@code by}: the statements that make its logits from the sum of its branches. */
    List<Step> by;

    Step(TorchNode node, String text) {
        this.node = node;
        this.text = text;
    }

    static Step merge(TorchNode node, String word) {
        Step step = new Step(node, null);
        step.merge = word;
        return step;
    }
}
