package dev.layerlab.gui.graph;

import atlantafx.base.theme.PrimerLight;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Shows the editor with the wide & deep (auxiliary output) template on the California housing columns. */
public class GraphEditorDemo extends Application {

    static final List<String> HOUSING = List.of("longitude", "latitude", "housing_median_age", "total_rooms",
            "total_bedrooms", "population", "households", "median_income", "ocean_proximity");

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        GraphEditorViewModel vm = new GraphEditorViewModel(HOUSING);
        GraphEditor editor = new GraphEditor(vm);
        vm.applyTemplate("wide-deep-aux");
        vm.selectNode("hidden1");
        if (getParameters().getRaw().contains("problem")) {
            // Show how problems look: the deep stack loses its middle wire.
            vm.disconnect("hidden1", "hidden2");
            vm.selectNode("hidden2");
        }
        stage.setScene(new Scene(editor, 1600, 900));
        stage.setTitle("LayerLab - graph editor");
        stage.setX(0);
        stage.setY(0);
        stage.show();
        Platform.runLater(editor::fitToView);
    }

    public static void main(String[] args) {
        launch(args);
    }
}
