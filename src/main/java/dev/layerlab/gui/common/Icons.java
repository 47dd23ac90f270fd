package dev.layerlab.gui.common;

import dev.layerlab.RuntimeOptions;
import javafx.scene.image.Image;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Icon glyphs and the application icon. */
public final class Icons {
    private static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private Icons() {
    }

    /** A material-design glyph by Ikonli literal, e.g. {@code "mdi2f-folder-open"}. */
    public static FontIcon glyph(String literal) {
        try {
            return new FontIcon(literal);
        } catch (RuntimeException e) {
            return new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE);
        }
    }

    /**
     * The window icons: {@code icons/layerlab-<size>.png} under {@code -Dlayerlab.home} (or the working
     * directory), then the copies in the class path; empty if none is found (the window keeps the default).
     */
    public static List<Image> appIcons() {
        List<Image> out = new ArrayList<>();
        String home = RuntimeOptions.current().home().toString();
        Path dir = Path.of(home).resolve("icons");
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().matches("layerlab.*\\.png"))
                        .sorted()
                        .forEach(p -> {
                            try (InputStream in = Files.newInputStream(p)) {
                                Image img = new Image(in);
                                if (!img.isError()) {
                                    out.add(img);
                                }
                            } catch (Exception ignored) {
                                // an unreadable icon is not worth failing over
                            }
                        });
            } catch (Exception ignored) {
                // fall through to the class path
            }
        }
        if (out.isEmpty()) {
            for (int s : SIZES) {
                try (InputStream in = Icons.class.getResourceAsStream("/dev/layerlab/gui/icons/layerlab-" + s + ".png")) {
                    if (in != null) {
                        out.add(new Image(in));
                    }
                } catch (Exception ignored) {
                    // keep going
                }
            }
        }
        return out;
    }
}
