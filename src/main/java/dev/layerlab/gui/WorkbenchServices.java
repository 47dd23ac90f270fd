package dev.layerlab.gui;

import dev.layerlab.gui.common.RecentFiles;

import java.nio.file.Path;
import java.util.prefs.Preferences;

/**
 * What the workbench needs from outside the window: where runs are kept and where recent files are
 * remembered. Tests pass temporary places.
 */
public record WorkbenchServices(Path workspaceDir, RecentFiles recentCsv, RecentFiles recentExperiments) {

    public static WorkbenchServices defaults() {
        // The same workspace as the command line's, so runs from either show up in both.
        Path dir = dev.layerlab.runs.Workspace.defaultWorkspace().root();
        return new WorkbenchServices(dir, RecentFiles.userDefault("recentCsv"), RecentFiles.userDefault("recentExperiments"));
    }

    public static WorkbenchServices forTests(Path dir) {
        Preferences p = Preferences.userRoot().node("dev/layerlab/gui-test");
        return new WorkbenchServices(dir.resolve("workspace"), new RecentFiles(p, "csv"), new RecentFiles(p, "exp"));
    }
}
