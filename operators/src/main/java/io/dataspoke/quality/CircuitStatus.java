package io.dataspoke.quality;

/** The circuit breaker's verdict on a dataset: may downstream work build on it? */
public enum CircuitStatus {
    /** No failing check and no open incident. */
    PASS,
    /** Something to look at (a warning, a low-severity incident); building on it is allowed. */
    WARN,
    /** A failing check or a serious open incident; a pipeline step should not build on it. */
    BLOCK
}
