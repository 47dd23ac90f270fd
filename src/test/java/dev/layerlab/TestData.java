package dev.layerlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Small CSVs with a known relationship, generated into a test's temporary folder. */
public final class TestData {
    public static final Path CALIFORNIA = Path.of("sample-data", "california_housing.csv");
    public static final Path SONAR = Path.of("sample-data", "sonar.csv");

    private TestData() {
    }

    /** y = 3 x1 - 2 x2 + 5 (if colour = red) + noise; x2 has a few missing cells. */
    public static Path regression(Path dir, int rows) {
        StringBuilder csv = new StringBuilder("x1,x2,colour,y\n");
        Random random = new Random(7);
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < rows; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            String colour = colours[random.nextInt(3)];
            double y = 3 * x1 - 2 * x2 + (colour.equals("red") ? 5 : 0) + 0.1 * random.nextGaussian();
            String x2Text = i % 50 == 7 ? "" : String.format(Locale.ROOT, "%.4f", x2);
            csv.append(String.format(Locale.ROOT, "%.4f,%s,%s,%.4f%n", x1, x2Text, colour, y));
        }
        return write(dir.resolve("regression.csv"), csv.toString());
    }

    /** Two Gaussian blobs: label "yes" when x1 + x2 > 0. */
    public static Path classification(Path dir, int rows) {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        Random random = new Random(11);
        for (int i = 0; i < rows; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", x1, x2, x1 + x2 > 0 ? "yes" : "no"));
        }
        return write(dir.resolve("classification.csv"), csv.toString());
    }

    public static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
