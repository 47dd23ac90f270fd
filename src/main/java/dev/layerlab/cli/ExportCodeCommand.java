package dev.layerlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, filled in below. */
@Command(name = "export-code", mixinStandardHelpOptions = true, description = "Write a runnable Keras or DL4J program for an experiment.")
final class ExportCodeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
