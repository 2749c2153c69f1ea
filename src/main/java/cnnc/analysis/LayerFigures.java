package cnnc.analysis;

/**
 * One layer's figures for the analysed batch.
 *
 * @param macs           multiply-accumulates, for the whole batch
 * @param flops          floating-point operations, for the whole batch
 * @param outputElements values of the layer's output for one example (its shape's product)
 * @param outputBytes    the output for the whole batch in the analysed number type
 * @param field          the receptive field of one output position
 */
public record LayerFigures(long macs, long flops, long outputElements, long outputBytes, ReceptiveField field) {
}
