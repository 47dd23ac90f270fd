package dev.layerlab.tuning.spark;

import dev.layerlab.data.FittedPreprocessing;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.PreparedData;
import dev.layerlab.data.TaskType;
import dev.layerlab.tuning.Folds;
import java.io.Serializable;

/**
 * The prepared data a trial trains on, in a form Spark can broadcast: the training and validation matrices and
 * the fitted preprocessing as JSON. The test split stays on the driver (trials never look at it). Each executor
 * receives it once and rebuilds the {@link PreparedData} once.
 */
public final class PortableData implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TaskType task;
    private final String preprocessingJson;
    private final Part train;
    private final Part validation;
    private final int rowCount;
    private final String dataSha256;
    private transient volatile PreparedData rebuilt;

    private PortableData(PreparedData data) {
        this.task = data.task();
        this.preprocessingJson = data.preprocessing().toJson();
        this.train = new Part(data.train());
        this.validation = new Part(data.validation());
        this.rowCount = data.rowCount();
        this.dataSha256 = data.dataSha256();
    }

    public static PortableData of(PreparedData data) {
        return new PortableData(data);
    }

    /** Bytes of matrix data shipped (features + targets), for the user. */
    public long matrixBytes() {
        return train.bytes() + validation.bytes();
    }

    public PreparedData prepared() {
        PreparedData d = rebuilt;
        if (d == null) {
            synchronized (this) {
                d = rebuilt;
                if (d == null) {
                    Matrix tr = train.matrix();
                    d = PreparedData.ofMatrices(task, FittedPreprocessing.fromJson(preprocessingJson), tr,
                            validation.matrix(), Folds.empty(tr), rowCount, dataSha256);
                    rebuilt = d;
                }
            }
        }
        return d;
    }

    /** One matrix's arrays (Matrix is a record of arrays and sizes, not Serializable itself). */
    private record Part(float[] features, int rows, int featureCount, float[] targets, int targetWidth, int[] sourceRows)
            implements Serializable {
        Part(Matrix m) {
            this(m.features(), m.rows(), m.featureCount(), m.targets(), m.targetWidth(), m.sourceRows());
        }

        Matrix matrix() {
            return new Matrix(features, rows, featureCount, targets, targetWidth, sourceRows);
        }

        long bytes() {
            return 4L * (features.length + (targets == null ? 0 : targets.length));
        }
    }
}
