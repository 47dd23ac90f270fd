package dev.layerlab.baselines;

import com.microsoft.ml.lightgbm.lightgbmlib;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loads LightGBM's native libraries from the lightgbmlib jar (it ships them as resources and leaves loading to
 * the caller): copied to a temporary folder once per process, then loaded in dependency order.
 */
final class LightGbmLibrary {
    private static boolean loaded;
    private static String failure;

    private LightGbmLibrary() {
    }

    /** Loads the libraries once; throws {@link IllegalStateException} with one line when they cannot be. */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        try {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "");
            if (!arch.equals("amd64") && !arch.equals("x86_64")) {
                throw new IllegalStateException("LightGBM's Java package has no library for " + arch + " processors");
            }
            String folder;
            String suffix;
            if (os.contains("linux")) {
                folder = "linux";
                suffix = ".so";
            } else if (os.contains("mac")) {
                folder = "osx";
                suffix = ".dylib";
            } else if (os.contains("win")) {
                folder = "windows";
                suffix = ".dll";
            } else {
                throw new IllegalStateException("LightGBM's Java package has no library for " + os);
            }
            Path dir = Files.createTempDirectory("layerlab-lightgbm-");
            dir.toFile().deleteOnExit();
            for (String name : List.of("lib_lightgbm", "lib_lightgbm_swig")) {
                Path file = dir.resolve(name + suffix);
                try (InputStream in = lightgbmlib.class.getResourceAsStream(
                        "/com/microsoft/ml/lightgbm/" + folder + "/x86_64/" + name + suffix)) {
                    if (in == null) {
                        throw new IllegalStateException("the lightgbmlib jar lacks " + name + suffix);
                    }
                    Files.copy(in, file);
                }
                file.toFile().deleteOnExit();
                System.load(file.toString());
            }
            loaded = true;
        } catch (IOException | UnsatisfiedLinkError | IllegalStateException e) {
            failure = "LightGBM could not be loaded: " + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
            throw new IllegalStateException(failure, e);
        }
    }
}
