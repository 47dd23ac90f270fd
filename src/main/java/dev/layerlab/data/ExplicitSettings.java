package dev.layerlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The automatic column decisions written out as explicit settings, for code generated outside LayerLab (which
 * re-implements the preprocessing and cannot run {@link ColumnAdvice}): identifiers and free text become
 * {@code role: ignore}, columns of dates {@code type: date}, categorical columns with more than
 * {@link Embeddings#EMBED_ABOVE} categories {@code encoding: embedding} (the network is then a graph). Everything
 * else (dirty numbers, two-valued columns, log1p, quantile scaling, "is 0" inputs, generated inputs, class weights)
 * the generated code computes from the settings as they are, on the training rows as LayerLab does.
 */
public final class ExplicitSettings {
    private ExplicitSettings() {
    }

    /**
     * As {@link #forCodeExport(DataSpec, Path)} for a trained model: each categorical column's encoding is the one it
     * was trained with (embedded or one-hot, from its fitted preprocessing), where the file alone could only tell how
     * many categories it has, not how many the training rows held.
     */
    public static DataSpec forCodeExport(DataSpec spec, Path baseDir, FittedPreprocessing trained) {
        DataSpec out = forCodeExport(spec, baseDir);
        for (FittedColumn c : trained.columns()) {
            ColumnSpec setting = out.columnSpec(c.name());
            if (c.kind() != ColumnKind.CATEGORICAL) {
                continue;
            }
            if (c.embedding() && setting.encoding() != Encoding.EMBEDDING) {
                out = out.withColumn(c.name(), setting.withEncoding(Encoding.EMBEDDING));
            } else if (!c.embedding() && setting.encoding() == Encoding.EMBEDDING) {
                out = out.withColumn(c.name(), setting.withEncoding(Encoding.ONE_HOT));
            }
        }
        return out;
    }

    /** @return the spec with explicit roles and date types; the spec itself when its data file cannot be found */
    public static DataSpec forCodeExport(DataSpec spec, Path baseDir) {
        if (spec.path() == null) {
            return spec;
        }
        Path path = Path.of(spec.path());
        if (!path.isAbsolute() && baseDir != null) {
            path = baseDir.resolve(path);
        }
        if (!Files.isRegularFile(path)) {
            return spec;
        }
        CsvFormat format = CsvSniffer.detect(path);
        if (spec.delimiter() != null) {
            format = format.withDelimiter(spec.delimiter());
        }
        if (spec.header() != null) {
            format = format.withHeader(spec.header());
        }
        // with the generated columns (ratios, rotated coordinates), which the exported code computes and prepares
        Table table = spec.withGeneratedInputs(TableLoader.load(path, format, Map.of(), spec.invalidNumbersOrDefault()));
        DataSpec out = spec;
        for (int i = 0; i < table.columnCount(); i++) {
            Column c = table.column(i);
            ColumnSpec setting = spec.columnSpec(c.name());
            if (c.name().equals(spec.target()) || setting.role() == Role.IGNORE) {
                continue;
            }
            ColumnAdvice advice = ColumnAdvice.of(c);
            if (setting.role() == null && advice.role() == Role.IGNORE) {
                out = out.withColumn(c.name(), setting.withRole(Role.IGNORE));
            } else if (advice.dateFormat() != null && setting.type() == null) {
                out = out.withColumn(c.name(), setting.withType(ColumnKind.DATE));
            } else if (c instanceof CategoricalColumn cat && setting.encoding() == null && setting.type() == null
                    && advice.dateFormat() == null && cat.levels().size() > Embeddings.EMBED_ABOVE) {
                // LayerLab embeds it (when its training rows hold more than EMBED_ABOVE categories): the exported
                // code's network is then a graph with an embedding branch, so the choice is made explicit here
                out = out.withColumn(c.name(), setting.withEncoding(Encoding.EMBEDDING));
            }
        }
        return out;
    }
}
