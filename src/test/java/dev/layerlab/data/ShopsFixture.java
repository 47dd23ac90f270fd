package dev.layerlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A table whose 500-category column carries most of the signal: y = effect(shop) + 0.5 x + noise, with each
 * shop's effect drawn once (std 2) and the noise small (std 0.3). The last {@link #RARE} shops have two rows each,
 * so they have fewer than {@link Embeddings#MIN_ROWS} training rows and pool into "other"; the others share the
 * remaining rows.
 */
public final class ShopsFixture {
    public static final int SHOPS = 500;
    public static final int RARE = 20;

    private ShopsFixture() {
    }

    public static Path write(Path dir, int rows, long seed) {
        Random random = new Random(seed);
        double[] effect = new double[SHOPS];
        for (int s = 0; s < SHOPS; s++) {
            effect[s] = 2 * random.nextGaussian();
        }
        StringBuilder csv = new StringBuilder("shop,x,y\n");
        for (int r = 0; r < rows; r++) {
            int shop = r < 2 * RARE ? SHOPS - RARE + r / 2 : random.nextInt(SHOPS - RARE);
            double x = random.nextGaussian();
            double y = effect[shop] + 0.5 * x + 0.3 * random.nextGaussian();
            csv.append(String.format(Locale.ROOT, "S%03d,%.4f,%.4f%n", shop, x, y));
        }
        Path file = dir.resolve("shops.csv");
        try {
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
