package dev.layerlab.cli;

import dev.layerlab.InvalidInputException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level command: with no subcommand it opens the workbench; subcommands run headless. */
@Command(name = "layerlab", mixinStandardHelpOptions = true, version = "LayerLab 0.1.0",
        description = "Build, train and tune neural networks on tabular data.%n"
                + "With no command, opens the workbench with the California-housing sample loaded; "
                + "'layerlab FILE.csv' opens it with that file.",
        subcommands = {InspectCommand.class, TrainCommand.class, PredictCommand.class, EvaluateCommand.class,
                SummaryCommand.class, TuneCommand.class, AutoCommand.class, ServeCommand.class, ExportCodeCommand.class,
                LrFindCommand.class, ExplainCommand.class, CommandLine.HelpCommand.class})
public final class LayerLabCommand implements Runnable {
    /** Exit code for bad input: a one-line message on stderr. */
    public static final int BAD_INPUT = 2;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    boolean debug;

    /**
     * Commands kept outside the application's packages (the benchmark suite, src/bench/java), added when their
     * class is on the class path: the CLI names them, it does not import them.
     */
    static final java.util.List<String> OPTIONAL_COMMANDS = java.util.List.of("dev.layerlab.bench.BenchCommand");

    /** A CSV to open in the workbench ({@code layerlab FILE.csv}); null = the sample. */
    @CommandLine.Parameters(arity = "0..1", paramLabel = "FILE.csv", description = "A CSV to open in the workbench.")
    java.nio.file.Path file;

    /** Opens the workbench (with a CSV or null) when there is no subcommand; replaced in tests and headless builds. */
    static java.util.function.Consumer<java.nio.file.Path> workbenchOpener = GuiBridge::openWorkbench;

    public static int run(String[] args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /** A configured command line writing to the given streams (tests capture them). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LayerLabCommand());
        for (String name : OPTIONAL_COMMANDS) {
            try {
                cli.addSubcommand(Class.forName(name).getConstructor().newInstance());
            } catch (ClassNotFoundException e) {
                // not part of this build
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("could not add the command " + name + ": " + e, e);
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("layerlab: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug"));
            if (debug) {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().println("layerlab: " + oneLine(ex));
            cmd.getErr().flush();
            return ex instanceof InvalidInputException || ex instanceof UncheckedIOException ? BAD_INPUT : 1;
        });
        return cli;
    }

    private static String oneLine(Exception ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public void run() {
        if (file != null && !java.nio.file.Files.isRegularFile(file)) {
            throw new InvalidInputException("Data file not found: " + file);
        }
        workbenchOpener.accept(file);
    }
}
