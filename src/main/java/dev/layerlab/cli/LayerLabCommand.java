package dev.layerlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: with no subcommand it opens the workbench (or prints help headless). */
@Command(name = "layerlab", mixinStandardHelpOptions = true, version = "LayerLab 0.1.0",
        description = "Build, train and tune neural networks on tabular data.",
        subcommands = {CommandLine.HelpCommand.class})
public final class LayerLabCommand implements Runnable {

    public static int run(String[] args) {
        return new CommandLine(new LayerLabCommand()).execute(args);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
