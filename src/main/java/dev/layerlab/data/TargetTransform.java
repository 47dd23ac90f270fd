package dev.layerlab.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A transform of a regression target before its scaling, inverted for every prediction and metric:
 * none, or log1p (ln(1+y), for a positive target with a long right tail such as prices or counts).
 */
public enum TargetTransform {
    @JsonProperty("none") NONE,
    @JsonProperty("log1p") LOG1P;

    public double apply(double y) {
        return this == LOG1P ? Math.log1p(y) : y;
    }

    public double invert(double v) {
        return this == LOG1P ? Math.expm1(v) : v;
    }
}
