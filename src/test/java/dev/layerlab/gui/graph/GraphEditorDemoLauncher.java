package dev.layerlab.gui.graph;

/** Starts {@link GraphEditorDemo} from the class path (a main class extending Application needs the module path). */
public final class GraphEditorDemoLauncher {
    private GraphEditorDemoLauncher() {
    }

    public static void main(String[] args) {
        javafx.application.Application.launch(GraphEditorDemo.class, args);
    }
}
