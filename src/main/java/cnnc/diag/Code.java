package cnnc.diag;

/**
 * Every diagnostic cnnc can give. The code is stable (tools and tests match on it); docs/diagnostics.md
 * lists them all.
 */
public enum Code {
    // syntax
    E0100("syntax error"),
    E0101("unexpected character"),
    E0102("number out of range"),
    E0103("wrong number of dimensions"),
    E0104("beyond the language's limits"),
    // words
    E0200("unknown layer"),
    E0201("unknown or misplaced modifier"),
    E0202("conflicting modifiers"),
    E0203("repeated modifier"),
    E0204("modifier value missing or not allowed"),
    // structure
    E0300("missing input"),
    E0301("repeated input"),
    E0302("statement before the input"),
    E0303("repeated model name"),
    // shapes and sizes
    E0400("output size not positive"),
    E0401("layer needs an image"),
    E0402("groups or parts do not divide"),
    E0403("size must be positive"),
    E0404("value out of range"),
    E0405("parameter count overflows"),
    E0406("shape too large"),
    E0407("arithmetic count overflows"),
    E0408("padding out of range"),
    // graphs and blocks
    E0700("shape assertion failed"),
    E0701("merged shapes differ"),
    E0702("concatenated sizes differ"),
    E0703("merge needs two branches"),
    E0704("wrong arguments"),
    E0705("recursive block"),
    E0706("defined twice"),
    E0707("unknown name"),
    E0708("expression has no valid value"),
    E0709("statement not allowed here"),
    E0710("model too large to expand"),
    E0711("reshape changes the number of values"),
    E0712("a block parameter used as a kind of value its argument is not"),
    E0720("a block's outputs and their names do not fit"),
    E0721("a statement with no tensor to read"),
    E0722("a layer whose output is never read"),
    // size variables (input HxWx3)
    E0800("size variable where a number is needed"),
    E0801("no input size accepted"),
    E0802("code for sizes that are variables"),
    E0803("a shape asserted as a formula cnnc cannot prove"),
    // warnings
    W0500("rounding drops input"),
    W0501("input looks channels-first"),
    W0502("repetition of the last statement only"),
    W0503("normalisation over one value"),
    W0504("input looks like an image without its channels"),
    W0510("sizes not independent per axis"),
    W0511("accepted sizes too many to try"),
    // backends: a form the target framework cannot express
    E0600("Keras cannot express this"),
    E0601("DL4J cannot express this"),
    E0602("PyTorch cannot express this"),
    // code generation for training (--loss)
    E0603("loss does not fit the output"),
    // cnnc import: a model the language cannot express
    E0820("not a Keras model"),
    E0821("a Keras layer the language has no layer for"),
    E0822("a Keras layer's option the language cannot express"),
    E0823("a Keras graph the language cannot express"),
    E0824("the imported description does not check"),
    // cnnc import from PyTorch
    E0830("no Python with torch"),
    E0831("the PyTorch module does not import"),
    E0832("the PyTorch module cannot be made"),
    E0833("the PyTorch module cannot be traced"),
    E0834("a PyTorch operation the language has no layer for"),
    E0835("a PyTorch module's option the language cannot express"),
    E0836("a PyTorch graph the language cannot express"),
    E0837("the description imported from PyTorch does not check"),
    E0838("the tracer's output is not read");

    private final String summary;

    Code(String summary) {
        this.summary = summary;
    }

    public String summary() {
        return summary;
    }

    public Severity severity() {
        return name().startsWith("W") ? Severity.WARNING : Severity.ERROR;
    }
}
