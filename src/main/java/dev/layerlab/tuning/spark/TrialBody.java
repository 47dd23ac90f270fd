package dev.layerlab.tuning.spark;

import dev.layerlab.tuning.Study;
import dev.layerlab.tuning.TrialRecord;
import java.io.Serializable;
import java.util.Map;

/** What a trial's task does on an executor, given a study rebuilt there. Serializable: Spark ships it with the task. */
@FunctionalInterface
public interface TrialBody extends Serializable {
    /** The real one: train the trial with the study's settings. */
    TrialBody TRAIN = Study::runTrialHere;

    TrialRecord run(Study study, int number, Map<String, Object> params);
}
