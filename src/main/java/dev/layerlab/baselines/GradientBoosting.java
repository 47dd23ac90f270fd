package dev.layerlab.baselines;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import dev.layerlab.data.Matrix;
import dev.layerlab.data.TaskType;
import java.util.Locale;

/**
 * Gradient-boosted trees with LightGBM's defaults (100 rounds of 31-leaf trees, learning rate 0.1, 20 rows per
 * leaf), stopped early when the validation score has not improved for {@link #PATIENCE} rounds: the defaults of
 * scikit-learn's HistGradientBoosting too. Fitted on the prepared matrices (trees do not mind the scaling).
 */
final class GradientBoosting {
    static final int MAX_ROUNDS = 100;
    static final int PATIENCE = 10;
    /** LightGBM takes int row and column counts and one native buffer: refuse what would not fit. */
    static final long MAX_CELLS = Integer.MAX_VALUE / 2;

    private final TaskType task;
    private final int classes;
    private final int threads;
    private final long seed;
    private int rounds;

    GradientBoosting(TaskType task, int classes, int threads, long seed) {
        this.task = task;
        this.classes = classes;
        this.threads = Math.max(1, threads);
        this.seed = seed;
    }

    /** Rounds kept (the best validation score's). */
    int rounds() {
        return rounds;
    }

    /**
     * Fits on {@code train} (stopping on {@code validation} when it has rows) and returns the outputs for each
     * of {@code score}, in the network's output terms: the scaled target, or class probabilities.
     */
    float[][] fitPredict(Matrix train, float[] trainLabels, Matrix validation, float[] validationLabels, Matrix... score) {
        LightGbmLibrary.load();
        check(train);
        String params = String.format(Locale.ROOT,
                "objective=%s %s num_leaves=31 learning_rate=0.1 min_data_in_leaf=20 num_threads=%d seed=%d "
                        + "deterministic=true force_row_wise=true verbose=-1",
                objective(), task == TaskType.MULTICLASS_CLASSIFICATION ? "num_class=" + classes : "", threads, seed);
        SWIGTYPE_p_void trainSet = dataset(train, trainLabels, params, null);
        SWIGTYPE_p_void validSet = null;
        SWIGTYPE_p_void booster = null;
        try {
            boolean stopEarly = validation != null && validation.rows() > 0;
            if (stopEarly) {
                check(validation);
                validSet = dataset(validation, validationLabels, params, trainSet);
            }
            SWIGTYPE_p_p_void boosterOut = lightgbmlib.voidpp_handle();
            call(lightgbmlib.LGBM_BoosterCreate(trainSet, params, boosterOut));
            booster = lightgbmlib.voidpp_value(boosterOut);
            lightgbmlib.delete_voidpp(boosterOut);
            if (stopEarly) {
                call(lightgbmlib.LGBM_BoosterAddValidData(booster, validSet));
            }
            SWIGTYPE_p_int finished = lightgbmlib.new_intp();
            SWIGTYPE_p_int evalCount = lightgbmlib.new_intp();
            SWIGTYPE_p_double evalValue = lightgbmlib.new_doubleArray(4);
            double best = Double.POSITIVE_INFINITY;
            int bestRound = 0;
            try {
                for (int round = 1; round <= MAX_ROUNDS; round++) {
                    call(lightgbmlib.LGBM_BoosterUpdateOneIter(booster, finished));
                    if (stopEarly) {
                        call(lightgbmlib.LGBM_BoosterGetEval(booster, 1, evalCount, evalValue));
                        double value = lightgbmlib.doubleArray_getitem(evalValue, 0); // l2 or log loss: lower is better
                        if (value < best) {
                            best = value;
                            bestRound = round;
                        } else if (round - bestRound >= PATIENCE) {
                            break;
                        }
                    } else {
                        bestRound = round;
                    }
                    if (lightgbmlib.intp_value(finished) == 1) {
                        break;
                    }
                }
            } finally {
                lightgbmlib.delete_intp(finished);
                lightgbmlib.delete_intp(evalCount);
                lightgbmlib.delete_doubleArray(evalValue);
            }
            rounds = Math.max(1, bestRound);
            float[][] outputs = new float[score.length][];
            for (int s = 0; s < score.length; s++) {
                outputs[s] = predict(booster, score[s]);
            }
            return outputs;
        } finally {
            if (booster != null) {
                lightgbmlib.LGBM_BoosterFree(booster);
            }
            if (validSet != null) {
                lightgbmlib.LGBM_DatasetFree(validSet);
            }
            lightgbmlib.LGBM_DatasetFree(trainSet);
        }
    }

    private String objective() {
        return switch (task) {
            case REGRESSION -> "regression metric=l2";
            case BINARY_CLASSIFICATION -> "binary metric=binary_logloss";
            case MULTICLASS_CLASSIFICATION -> "multiclass metric=multi_logloss";
        };
    }

    private static void check(Matrix m) {
        if (m.rows() < 1 || m.featureCount() < 1 || (long) m.rows() * m.featureCount() > MAX_CELLS
                || m.features().length != m.rows() * m.featureCount()) {
            throw new IllegalArgumentException("gradient boosting needs 1 to " + MAX_CELLS + " cells in a full matrix, got "
                    + m.rows() + " x " + m.featureCount());
        }
    }

    private static SWIGTYPE_p_void dataset(Matrix m, float[] labels, String params, SWIGTYPE_p_void reference) {
        if (labels.length != m.rows()) {
            throw new IllegalArgumentException("one label per row expected, got " + labels.length + " for " + m.rows());
        }
        SWIGTYPE_p_float data = copy(m.features());
        SWIGTYPE_p_float label = copy(labels);
        SWIGTYPE_p_p_void out = lightgbmlib.voidpp_handle();
        try {
            call(lightgbmlib.LGBM_DatasetCreateFromMat(lightgbmlib.float_to_voidp_ptr(data),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32, m.rows(), m.featureCount(), 1, params, reference, out));
            SWIGTYPE_p_void set = lightgbmlib.voidpp_value(out);
            call(lightgbmlib.LGBM_DatasetSetField(set, "label", lightgbmlib.float_to_voidp_ptr(label), m.rows(),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32));
            return set;
        } finally {
            lightgbmlib.delete_voidpp(out);
            lightgbmlib.delete_floatArray(data);
            lightgbmlib.delete_floatArray(label);
        }
    }

    private float[] predict(SWIGTYPE_p_void booster, Matrix m) {
        if (m.rows() == 0) {
            return new float[0];
        }
        check(m);
        int width = task == TaskType.MULTICLASS_CLASSIFICATION ? classes : 1;
        SWIGTYPE_p_float data = copy(m.features());
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        SWIGTYPE_p_double result = lightgbmlib.new_doubleArray((long) m.rows() * width);
        try {
            call(lightgbmlib.LGBM_BoosterPredictForMat(booster, lightgbmlib.float_to_voidp_ptr(data),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32, m.rows(), m.featureCount(), 1,
                    lightgbmlibConstants.C_API_PREDICT_NORMAL, 0, rounds, "num_threads=" + threads, length, result));
            long n = lightgbmlib.int64_tp_value(length);
            if (n != (long) m.rows() * width) {
                throw new IllegalStateException("LightGBM returned " + n + " values for " + m.rows() + " rows");
            }
            float[] out = new float[(int) n];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) lightgbmlib.doubleArray_getitem(result, i);
            }
            return out;
        } finally {
            lightgbmlib.delete_floatArray(data);
            lightgbmlib.delete_int64_tp(length);
            lightgbmlib.delete_doubleArray(result);
        }
    }

    private static SWIGTYPE_p_float copy(float[] values) {
        SWIGTYPE_p_float array = lightgbmlib.new_floatArray(values.length);
        for (int i = 0; i < values.length; i++) {
            lightgbmlib.floatArray_setitem(array, i, values[i]);
        }
        return array;
    }

    private static void call(int code) {
        if (code != 0) {
            throw new IllegalStateException("LightGBM: " + lightgbmlib.LGBM_GetLastError());
        }
    }
}
