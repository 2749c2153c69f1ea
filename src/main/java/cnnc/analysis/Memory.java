package cnnc.analysis;

import java.util.List;

/**
 * Memory figures of the model for a batch, in bytes of the analysed number type.
 *
 * @param parameterBytes      every parameter, trainable or not
 * @param peakActivationBytes the most activation memory alive at once in inference, in the report's
 *                            order of layers: a tensor lives from the layer that makes it until its last
 *                            reader has run (the model's input included)
 * @param peakRow             the row during which the peak is reached (0: the input alone)
 * @param peakTensors         the tensors alive then, by the row that made them (0: the model's input)
 * @param activationBytes     every layer's output and the input, which training keeps for the backward pass
 * @param trainingBytes       parameters + gradients (one per trainable parameter) + the optimizer's state
 *                            + activationBytes
 */
public record Memory(long batch, DType dtype, Optimizer optimizer, long parameterBytes, long peakActivationBytes,
                     int peakRow, List<Integer> peakTensors, long activationBytes, long trainingBytes) {
    public Memory {
        peakTensors = List.copyOf(peakTensors);
    }
}
