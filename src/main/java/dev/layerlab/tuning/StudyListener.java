package dev.layerlab.tuning;

import java.util.Map;

/**
 * Receives a study's progress on its worker threads: implementations must return at once (queue the event;
 * a GUI drains the queue on its own timer).
 */
public interface StudyListener {
    default void onTrialStarted(int number, Map<String, Object> params) {
    }

    /** After each epoch of a trial's first fold. */
    default void onTrialEpoch(int number, int epoch, double value) {
    }

    default void onTrialFinished(TrialRecord record, int finishedCount, int plannedTrials) {
    }

    default void onMessage(String message) {
    }

    default void onStudyFinished(StudyResult result) {
    }
}
