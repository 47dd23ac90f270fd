package dev.layerlab.data;

import dev.layerlab.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The automatic column decisions written out as explicit settings, for code generated outside LayerLab (which
 * re-implements the preprocessing and cannot run {@link ColumnAdvice}): identifiers and free text become
 * {@code role: ignore}. What generated code does not implement yet (date features, log1p, class weights, numeric
 * columns with unusable cells) is refused with one line naming the column and the way out.
 */
public final class ExplicitSettings {
    private ExplicitSettings() {
    }

    /** @return the spec with explicit roles; the spec itself when its data file cannot be found */
    public static DataSpec forCodeExport(DataSpec spec, Path baseDir) {
        if (spec.classWeights() != null && spec.classWeights().mode() != ClassWeights.Mode.NONE) {
            throw new InvalidInputException("Code export does not support class weights yet; set them to none to export");
        }
        if (spec.columns() != null) {
            for (Map.Entry<String, ColumnSpec> e : spec.columns().entrySet()) {
                if (e.getValue() != null && e.getValue().role() != Role.IGNORE) {
                    if (e.getValue().type() == ColumnKind.DATE) {
                        throw dateRefusal(e.getKey());
                    }
                    if (e.getValue().encoding() == Encoding.EMBEDDING) {
                        throw embeddingRefusal(e.getKey());
                    }
                    if (e.getValue().log1pOrDefault()) {
                        throw new InvalidInputException("Code export does not support log1p scaling yet (column '"
                                + e.getKey() + "'); turn it off or ignore the column to export");
                    }
                }
            }
        }
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
        Table table = TableLoader.load(path, format, Map.of(), spec.invalidNumbersOrDefault());
        DataSpec out = spec;
        for (int i = 0; i < table.columnCount(); i++) {
            Column c = table.column(i);
            ColumnSpec setting = spec.columnSpec(c.name());
            if (c.name().equals(spec.target()) || setting.role() == Role.IGNORE) {
                continue;
            }
            if (c instanceof NumericColumn n && n.problems() != null) {
                throw new InvalidInputException("Code export cannot read column '" + c.name() + "' yet: "
                        + n.problems().count() + " cells are not usable numbers; fix them or ignore the column to export");
            }
            ColumnAdvice advice = ColumnAdvice.of(c);
            if (setting.role() == null && advice.role() == Role.IGNORE) {
                out = out.withColumn(c.name(), setting.withRole(Role.IGNORE));
            } else if (advice.dateFormat() != null && setting.type() != ColumnKind.CATEGORICAL) {
                throw dateRefusal(c.name());
            } else if (c instanceof CategoricalColumn cat && setting.encoding() == null
                    && cat.levels().size() > Embeddings.EMBED_ABOVE) {
                throw embeddingRefusal(c.name());
            }
        }
        return out;
    }

    private static InvalidInputException embeddingRefusal(String column) {
        return new InvalidInputException("Code export does not write embedding layers yet (column '" + column
                + "' has many categories and is embedded); set it to one-hot (--one-hot " + column
                + ") or ignore it to export");
    }

    private static InvalidInputException dateRefusal(String column) {
        return new InvalidInputException("Code export does not compute date features yet (column '" + column
                + "'); set the column to categorical or ignore it to export");
    }
}
