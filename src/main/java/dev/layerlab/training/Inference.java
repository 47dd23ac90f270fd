package dev.layerlab.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Forward passes in chunks, returning plain float arrays (row-major). */
public final class Inference {
    private static final int CHUNK = 8192;

    private Inference() {
    }

    /** Every head's output of a graph network, each rows x outputWidth, row-major. */
    public static float[][] outputs(GraphNetwork net, float[] features, int rows, int width) {
        float[][] result = null;
        for (int from = 0; from < rows; from += CHUNK) {
            int n = Math.min(CHUNK, rows - from);
            float[] part = java.util.Arrays.copyOfRange(features, from * width, (from + n) * width);
            INDArray[] outs = net.outputs(Nd4j.create(part, new long[] {n, width}, DataType.FLOAT));
            if (result == null) {
                result = new float[outs.length][];
                for (int o = 0; o < outs.length; o++) {
                    result[o] = new float[rows * (int) outs[o].size(1)];
                }
            }
            for (int o = 0; o < outs.length; o++) {
                int outWidth = (int) outs[o].size(1);
                System.arraycopy(outs[o].dup('c').data().asFloat(), 0, result[o], from * outWidth, n * outWidth);
            }
        }
        return result == null ? new float[0][] : result;
    }

    /** Network output for {@code rows} rows of {@code width} features: rows x outputWidth, row-major. */
    public static float[] output(TrainableNetwork net, float[] features, int rows, int width) {
        float[] result = null;
        int outWidth = 0;
        for (int from = 0; from < rows; from += CHUNK) {
            int n = Math.min(CHUNK, rows - from);
            float[] part = java.util.Arrays.copyOfRange(features, from * width, (from + n) * width);
            INDArray out = net.output(Nd4j.create(part, new long[] {n, width}, DataType.FLOAT));
            float[] values = out.dup('c').data().asFloat();
            if (result == null) {
                outWidth = (int) out.size(1);
                result = new float[rows * outWidth];
            }
            System.arraycopy(values, 0, result, from * outWidth, n * outWidth);
        }
        return result == null ? new float[0] : result;
    }

    /**
     * The members' mean output (an ensemble): regression outputs are averaged (the target scaling is linear, so
     * this is the mean prediction in the target's units), classification outputs are probabilities, averaged.
     */
    public static float[] meanOutput(java.util.List<? extends TrainableNetwork> members, float[] features, int rows, int width) {
        float[] sum = null;
        for (TrainableNetwork member : members) {
            float[] out = output(member, features, rows, width);
            if (sum == null) {
                sum = out;
            } else {
                if (out.length != sum.length) {
                    throw new IllegalStateException("ensemble members disagree on the output width");
                }
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += out[i];
                }
            }
        }
        if (sum == null) {
            return new float[0];
        }
        float n = members.size();
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= n;
        }
        return sum;
    }
}
