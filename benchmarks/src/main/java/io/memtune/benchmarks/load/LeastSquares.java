package io.memtune.benchmarks.load;

import java.util.Arrays;

/** The slope of a series: how fast it rises, with every point counted, not only the first and last. */
final class LeastSquares {

    /**
     * Above this squared correlation between x and the other variable, the two cannot be told apart (each would
     * take the other's effect): {@link #slope(double[], double[], double[])} gives none.
     */
    static final double SEPARABLE_R2 = 0.81;

    private LeastSquares() {
    }

    /** The slope of the least-squares line through the points (x[i], y[i]); NaN with fewer than two distinct x. */
    static double slope(double[] x, double[] y) {
        check(x, y);
        double sxx = centredProduct(x, x);
        return sxx == 0 ? Double.NaN : centredProduct(x, y) / sxx;
    }

    /** A fit of y to {@code a + slope x + perZ z}. */
    record Held(double slope, double perZ) {
    }

    /**
     * The slope of y along x with z held constant: y fitted by least squares to {@code a + b x + c z}. Null when z
     * does not vary, or moves too much with x to be told apart from it ({@link #SEPARABLE_R2}).
     */
    static Held holding(double[] x, double[] y, double[] z) {
        check(x, y);
        check(x, z);
        double sxx = centredProduct(x, x);
        double szz = centredProduct(z, z);
        double sxz = centredProduct(x, z);
        if (sxx == 0 || szz == 0 || sxz * sxz / (sxx * szz) > SEPARABLE_R2) {
            return null;
        }
        double sxy = centredProduct(x, y);
        double szy = centredProduct(z, y);
        double det = sxx * szz - sxz * sxz;
        return new Held((szz * sxy - sxz * szy) / det, (sxx * szy - sxz * sxy) / det);
    }

    /** Sum of (a[i] - mean a) (b[i] - mean b). */
    private static double centredProduct(double[] a, double[] b) {
        double meanA = Arrays.stream(a).average().orElse(0);
        double meanB = Arrays.stream(b).average().orElse(0);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - meanA) * (b[i] - meanB);
        }
        return sum;
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x for " + y.length + " y");
        }
    }
}
