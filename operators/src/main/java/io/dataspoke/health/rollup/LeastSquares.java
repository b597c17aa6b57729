package io.dataspoke.health.rollup;

/** Ordinary least-squares fit of a line to points, for the score trends. */
public final class LeastSquares {

    private LeastSquares() {}

    /**
     * The slope of the least-squares line through the points {@code (x[i], y[i])}.
     *
     * @throws IllegalArgumentException unless there are as many x as y and at least two distinct x
     */
    public static double slope(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y");
        }
        int n = x.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            variance += (x[i] - meanX) * (x[i] - meanX);
        }
        if (n < 2 || variance == 0) {
            throw new IllegalArgumentException("a slope needs at least two distinct x values");
        }
        return covariance / variance;
    }
}
