package dev.layerlab.gui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * One undo history for several editors of the same thing (the Model screen's layer list and its graph editor):
 * Ctrl+Z undoes the last edit whichever editor made it. Each step keeps the state of the editor that made the
 * edit, as it was before; undoing it keeps that editor's current state for redo and restores the old one.
 */
public final class UndoHistory {
    /** An editor whose states the history keeps. */
    public interface Editor<S> {
        /** The editor's state now (immutable). */
        S snapshot();

        /** Puts a state back without recording a step. */
        void restore(S state);
    }

    private record Step<S>(Editor<S> editor, S state) {
        void restore() {
            editor.restore(state);
        }

        Step<S> now() {
            return new Step<>(editor, editor.snapshot());
        }
    }

    private final int limit;
    private final Deque<Step<?>> undo = new ArrayDeque<>();
    private final Deque<Step<?>> redo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private Editor<?> lastEditor;
    private String lastKey;

    public UndoHistory(int limit) {
        this.limit = limit;
    }

    /**
     * Call before an edit: keeps the editor's state as an undo step and forgets the redo steps. Edits of one
     * editor with the same non-null {@code coalesceKey} in a row make one step (typing "128" is one edit).
     */
    public <S> void record(Editor<S> editor, String coalesceKey) {
        if (coalesceKey == null || !coalesceKey.equals(lastKey) || editor != lastEditor) {
            undo.push(new Step<>(editor, editor.snapshot()));
            while (undo.size() > limit) {
                undo.removeLast();
            }
        }
        lastEditor = editor;
        lastKey = coalesceKey;
        redo.clear();
        updateFlags();
    }

    /** Ends a run of coalesced edits: the next edit is a step of its own. */
    public void breakCoalescing() {
        lastKey = null;
    }

    public void undo() {
        move(undo, redo);
    }

    public void redo() {
        move(redo, undo);
    }

    private void move(Deque<Step<?>> from, Deque<Step<?>> to) {
        if (from.isEmpty()) {
            return;
        }
        Step<?> step = from.pop();
        to.push(step.now());
        lastKey = null;
        step.restore();
        updateFlags();
    }

    /** Forgets every step (another network was opened). */
    public void clear() {
        undo.clear();
        redo.clear();
        lastKey = null;
        updateFlags();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    private void updateFlags() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }
}
