package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.layerlab.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Generated inputs from a latitude/longitude pair: the position projected onto directions between north and east
 * ({@code latitude cos θ + longitude sin θ}), one input per angle. A tree cuts a map along one axis at a time and
 * a network's first layer sees each input's distribution separately; projections let both follow diagonal
 * boundaries (a coast, a valley) with a single cut, the rotated-coordinates trick of tabular competitions.
 * Computed from the raw columns wherever rows are read (training, predict, serve); a missing source cell gives a
 * missing value, imputed like any numeric cell.
 *
 * @param degrees the directions, in degrees from north (0 and 90 are the columns themselves)
 */
public record CoordinateRotation(String latitude, String longitude, List<Integer> degrees) {
    /** Directions every 15 degrees, leaving out 0 and 90 (the columns themselves). */
    public static final List<Integer> DEFAULT_DEGREES = List.of(15, 30, 45, 60, 75, 105, 120, 135, 150, 165);
    /** Most directions one pair may add. */
    static final int MAX_DEGREES = 36;

    private static final Pattern LATITUDE = Pattern.compile("(?i)(^|[^a-z])(lat|latitude)([^a-z]|$)");
    private static final Pattern LONGITUDE = Pattern.compile("(?i)(^|[^a-z])(lon|lng|long|longitude)([^a-z]|$)");

    @JsonCreator
    public CoordinateRotation(@JsonProperty("latitude") String latitude, @JsonProperty("longitude") String longitude,
                              @JsonProperty("degrees") List<Integer> degrees) {
        if (latitude == null || longitude == null || latitude.equals(longitude)) {
            throw new InvalidInputException("a coordinate rotation needs two different columns, latitude and longitude");
        }
        this.latitude = latitude;
        this.longitude = longitude;
        this.degrees = degrees == null || degrees.isEmpty() ? DEFAULT_DEGREES : List.copyOf(degrees);
        if (this.degrees.size() > MAX_DEGREES) {
            throw new InvalidInputException("at most " + MAX_DEGREES + " rotation angles per coordinate pair, got "
                    + this.degrees.size());
        }
    }

    /** The pair with the default directions. */
    public static CoordinateRotation of(String latitude, String longitude) {
        return new CoordinateRotation(latitude, longitude, null);
    }

    /** The generated columns' names, e.g. {@code latitude+longitude@15deg}. */
    @JsonIgnore
    public List<String> names() {
        return degrees.stream().map(d -> name(d)).toList();
    }

    private String name(int degree) {
        return latitude + "+" + longitude + "@" + degree + "deg";
    }

    /** The table with each projection it does not have yet appended as a numeric column (itself when none is missing). */
    public static Table addTo(Table table, List<CoordinateRotation> rotations) {
        if (rotations == null || rotations.isEmpty()) {
            return table;
        }
        List<Column> columns = null;
        for (CoordinateRotation r : rotations) {
            for (int degree : r.degrees()) {
                if (table.columnIndex(r.name(degree)) >= 0) {
                    continue;
                }
                if (columns == null) {
                    columns = new ArrayList<>();
                    for (int i = 0; i < table.columnCount(); i++) {
                        columns.add(table.column(i));
                    }
                }
                columns.add(r.projection(table, degree));
            }
        }
        return columns == null ? table : new Table(table.source(), table.format(), columns, table.sha256());
    }

    private NumericColumn projection(Table table, int degree) {
        NumericColumn lat = source(table, latitude);
        NumericColumn lon = source(table, longitude);
        double cos = Math.cos(Math.toRadians(degree));
        double sin = Math.sin(Math.toRadians(degree));
        float[] values = new float[table.rowCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = lat.isMissing(i) || lon.isMissing(i) ? Float.NaN
                    : (float) (lat.value(i) * cos + lon.value(i) * sin);
        }
        return new NumericColumn(name(degree), values, values.length);
    }

    private NumericColumn source(Table table, String name) {
        if (table.columnIndex(name) < 0) {
            throw new InvalidInputException("Column '" + name + "' (rotated with '" + (name.equals(latitude) ? longitude : latitude)
                    + "') is missing from " + table.displayName() + "; available columns: " + String.join(", ", table.columnNames()));
        }
        if (!(table.column(name) instanceof NumericColumn n)) {
            throw new InvalidInputException("Column '" + name + "' (a coordinate to rotate) in " + table.displayName()
                    + " should hold numbers");
        }
        return n;
    }

    /**
     * The latitude/longitude pairs of a table: a numeric column named like a latitude (lat, latitude) with every
     * value within ±90 and one named like a longitude (lon, lng, long, longitude) within ±180, paired when their
     * names differ only there ("pickup_lat" with "pickup_lon"); the target is left out.
     */
    public static List<CoordinateRotation> candidates(Table table, String target) {
        List<String> lats = new ArrayList<>();
        List<String> lons = new ArrayList<>();
        for (int i = 0; i < table.columnCount(); i++) {
            Column c = table.column(i);
            if (c.name().equals(target) || !(c instanceof NumericColumn n) || n.missingCount() == n.size()) {
                continue;
            }
            if (LATITUDE.matcher(c.name()).find() && within(n, 90)) {
                lats.add(c.name());
            } else if (LONGITUDE.matcher(c.name()).find() && within(n, 180)) {
                lons.add(c.name());
            }
        }
        List<CoordinateRotation> pairs = new ArrayList<>();
        for (String lat : lats) {
            String stem = stem(lat, LATITUDE);
            lons.stream().filter(lon -> stem(lon, LONGITUDE).equals(stem)).findFirst()
                    .ifPresent(lon -> pairs.add(CoordinateRotation.of(lat, lon)));
        }
        return pairs;
    }

    private static String stem(String name, Pattern word) {
        return word.matcher(name).replaceFirst("$1#$3").toLowerCase(Locale.ROOT);
    }

    private static boolean within(NumericColumn n, double limit) {
        for (int i = 0; i < n.size(); i++) {
            if (!n.isMissing(i) && Math.abs(n.value(i)) > limit) {
                return false;
            }
        }
        return true;
    }
}
