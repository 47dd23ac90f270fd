package dev.layerlab.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the benchmarks and writes their figures to a CSV. Never fails on a missed target: it reports. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training throughput (against plain DL4J in a child JVM), monitoring overhead, parallel trials, "
                + "CSV import, GUI responsiveness and start-up (headless, in child JVMs); one line per figure, and a CSV (--out).",
                "Timings are noisy on a busy machine: the load average is printed with the figures."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Small sizes (2 epochs, 100,000-row import): a smoke run, not figures to quote.")
    boolean quick;
    @Option(names = "--out", paramLabel = "FILE", description = "CSV of the figures (default bench-results.csv).")
    Path out;
    @Option(names = "--data", paramLabel = "F.csv", description = "Training data (default: the California-housing sample).")
    Path data;
    @Option(names = "--target", paramLabel = "COL", description = "Target column of --data (default median_house_value).")
    String target;
    @Option(names = "--import-rows", paramLabel = "N", description = "Rows of the generated 20-column import CSV (default 1,000,000).")
    int importRows;
    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per throughput run (default 20).")
    int epochs;

    @Option(names = "--only", split = ",", paramLabel = "GROUP", description = "Run only these groups: train, monitoring, trials, import, gui, startup, serve.")
    java.util.Set<String> only;

    @Option(names = "--table", paramLabel = "FILE.csv",
            description = "Print the figures of a bench CSV as a Markdown table (for docs/benchmarks.md) and run nothing.")
    Path table;

    @Override
    public Integer call() throws Exception {
        if (table != null) {
            spec.commandLine().getOut().print(BenchTable.render(table));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (only != null && !Bench.Options.GROUPS.containsAll(only)) {
            throw new dev.layerlab.InvalidInputException("--only takes " + String.join(", ", Bench.Options.GROUPS) + "; got " + only);
        }
        new Bench(new Bench.Options(quick, out, data, target, importRows, epochs, only), spec.commandLine().getOut()).run();
        return 0;
    }
}
