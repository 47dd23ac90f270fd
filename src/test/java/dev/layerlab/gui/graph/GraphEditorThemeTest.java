package dev.layerlab.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The graph editor's stylesheet follows the theme: dark canvas and nodes with light text under the dark theme. */
@ExtendWith(ApplicationExtension.class)
class GraphEditorThemeTest {
    private GraphEditor editor;

    @Start
    void start(Stage stage) {
        editor = new GraphEditor(new GraphEditorViewModel(List.of("a", "b")));
        stage.setScene(new Scene(editor, 900, 600));
        stage.show();
    }

    @AfterEach
    void lightAgain() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    private static double brightness(javafx.scene.paint.Paint paint) {
        return ((Color) paint).getBrightness();
    }

    private static Color over(Color top, Color under) {
        double a = top.getOpacity();
        return Color.color(top.getRed() * a + under.getRed() * (1 - a), top.getGreen() * a + under.getGreen() * (1 - a),
                top.getBlue() * a + under.getBlue() * (1 - a));
    }

    private double[] looks(FxRobot robot, String userAgentStylesheet) {
        double[] out = new double[3];
        robot.interact(() -> {
            Application.setUserAgentStylesheet(userAgentStylesheet);
            editor.applyCss();
            Region canvas = robot.lookup("#graph-canvas").queryAs(Region.class);
            Region node = robot.lookup(".graph-node").queryAs(Region.class);
            Label title = robot.lookup(".node-title").queryAs(Label.class);
            Color back = (Color) canvas.getBackground().getFills().get(0).getFill();
            out[0] = back.getBrightness();
            // the theme's subtle tints are translucent: what shows is the tint over the canvas
            out[1] = over((Color) node.getBackground().getFills().get(0).getFill(), back).getBrightness();
            out[2] = brightness(title.getTextFill());
        });
        return out;
    }

    @Test
    void darkThemeGivesADarkCanvasAndLightText(FxRobot robot) {
        double[] light = looks(robot, new PrimerLight().getUserAgentStylesheet());
        assertThat(light[0]).as("light canvas").isGreaterThan(0.8);
        assertThat(light[1]).as("light node").isGreaterThan(0.8);
        assertThat(light[2]).as("dark text on light").isLessThan(0.4);
        double[] dark = looks(robot, new PrimerDark().getUserAgentStylesheet());
        assertThat(dark[0]).as("dark canvas").isLessThan(0.3);
        assertThat(dark[1]).as("dark node").isLessThan(0.35);
        assertThat(dark[2]).as("light text on dark").isGreaterThan(0.7);
    }

    @Test
    void theStylesheetIsAResourceWithoutColoursOfItsOwn() throws Exception {
        assertThat(editor.getStylesheets()).singleElement().asString().endsWith("graph-editor.css");
        try (InputStream in = GraphEditor.class.getResourceAsStream(GraphEditor.STYLESHEET)) {
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
            assertThat(css).contains(".graph-node", "-color-bg-default").doesNotContainPattern("#[0-9a-fA-F]{3,8}\\b")
                    .doesNotContain("rgb(", "rgba(", "white", "black");
        }
    }
}
