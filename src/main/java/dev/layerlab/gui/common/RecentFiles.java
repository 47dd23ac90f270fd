package dev.layerlab.gui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The most recently opened files (CSV and experiments), kept in {@link Preferences}. */
public final class RecentFiles {
    private static final int MAX = 8;
    private final Preferences prefs;
    private final String key;

    public RecentFiles(Preferences prefs, String key) {
        this.prefs = prefs;
        this.key = key;
    }

    public static RecentFiles userDefault(String key) {
        return new RecentFiles(Preferences.userRoot().node("dev/layerlab/gui"), key);
    }

    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        String raw = prefs.get(key, "");
        for (String s : raw.split("\n")) {
            if (!s.isBlank()) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    public void add(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> items = list();
        items.remove(abs);
        items.add(0, abs);
        while (items.size() > MAX) {
            items.remove(items.size() - 1);
        }
        StringBuilder sb = new StringBuilder();
        for (Path p : items) {
            sb.append(p).append('\n');
        }
        prefs.put(key, sb.toString());
    }

    public void clear() {
        prefs.remove(key);
    }
}
