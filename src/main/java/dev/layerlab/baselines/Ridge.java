package dev.layerlab.baselines;

import dev.layerlab.data.Matrix;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Ridge regression in closed form on the prepared matrix, one column of weights per label column (the scaled
 * target, or each class's 0/1 indicator), with an unpenalised intercept: w = (Xc'Xc + alpha n I)^-1 Xc'yc on
 * centred columns. The Gram matrix is computed once; each alpha is one small solve.
 */
final class Ridge {
    /** Penalties tried, relative to the row count (the inputs are scaled, so these span weak to strong). */
    static final double[] ALPHAS = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10};
    /** Above this many features the Gram matrix (and its solve) would take long: no linear baseline then. */
    static final int MAX_FEATURES = 2000;

    private final int d;
    private final int k;
    private final int n;
    private final double[] xMean;
    private final double[] yMean;
    private final double[][] gram;
    private final double[][] xty;

    /** @param labels rows x k, row-major */
    Ridge(Matrix train, float[] labels, int k) {
        this.d = train.featureCount();
        this.k = k;
        this.n = train.rows();
        if (d > MAX_FEATURES) {
            throw new IllegalArgumentException("too many features (" + d + ") for the linear baseline (at most " + MAX_FEATURES + ")");
        }
        float[] x = train.features();
        xMean = new double[d];
        yMean = new double[k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                xMean[j] += x[r * d + j];
            }
            for (int c = 0; c < k; c++) {
                yMean[c] += labels[r * k + c];
            }
        }
        for (int j = 0; j < d; j++) {
            xMean[j] /= n;
        }
        for (int c = 0; c < k; c++) {
            yMean[c] /= n;
        }
        gram = new double[d][d];
        xty = new double[d][k];
        double[] row = new double[d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[r * d + j] - xMean[j];
            }
            for (int i = 0; i < d; i++) {
                double xi = row[i];
                if (xi == 0) {
                    continue;
                }
                double[] g = gram[i];
                for (int j = i; j < d; j++) {
                    g[j] += xi * row[j];
                }
                for (int c = 0; c < k; c++) {
                    xty[i][c] += xi * (labels[r * k + c] - yMean[c]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                gram[i][j] = gram[j][i];
            }
        }
    }

    /** Weights (d x k) for a penalty; the intercepts follow from the means. */
    double[][] solve(double alpha) {
        RealMatrix a = new Array2DRowRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a.setEntry(i, j, gram[i][j] + (i == j ? alpha * n : 0));
            }
        }
        DecompositionSolver solver = new CholeskyDecomposition(a, 1e-12, 1e-12).getSolver();
        return solver.solve(new Array2DRowRealMatrix(xty, false)).getData();
    }

    /** The linear scores (rows x k, row-major) of a matrix's rows. */
    float[] scores(double[][] w, Matrix m) {
        float[] x = m.features();
        float[] out = new float[m.rows() * k];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < k; c++) {
                double s = yMean[c];
                for (int j = 0; j < d; j++) {
                    s += (x[r * d + j] - xMean[j]) * w[j][c];
                }
                out[r * k + c] = (float) s;
            }
        }
        return out;
    }
}
