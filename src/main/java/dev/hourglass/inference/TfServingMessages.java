package dev.hourglass.inference;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hourglass.inference.InferenceRequests.ScoreResult;
import dev.hourglass.inference.ServingProtocols.ProtocolException;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Bodies of TF-Serving's REST predict API (https://www.tensorflow.org/tfx/serving/api_rest#predict_api):
 * a request in row format ({@code instances}) or columnar format ({@code inputs}), answered with
 * {@code predictions} or {@code outputs} respectively.
 */
final class TfServingMessages {

    private TfServingMessages() {
    }

    record PredictRequest(
            @JsonProperty("signature_name")
            @Schema(description = "encode (the default; serving_default is the same), reconstruct or score",
                    nullable = true, example = "encode") String signatureName,
            @Schema(description = "Row format: rows in the dataset's feature order, in the caller's units (a typed "
                    + "model's also as objects {column: value})", implementation = Object[].class,
                    example = "[[0.0, 12.0, 255.0]]") Rows instances,
            @Schema(description = "Columnar format: the same rows, or {\"input\": rows}; give instances or inputs",
                    implementation = Object.class, example = "{\"input\": [[0.0, 12.0, 255.0]]}") Rows inputs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PredictResponse(
            @Schema(description = "Row format: per row its code or reconstruction (an array), or for score an "
                    + "object {score, is_anomaly, p_value}", implementation = Object[].class,
                    example = "[[0.25, -1.5, 0.75]]") Object predictions,
            @Schema(description = "Columnar format: codes or reconstructions (rows), or for score an object of "
                    + "named outputs, each an array over the rows", implementation = Object.class,
                    example = "{\"score\": [0.031], \"is_anomaly\": [false], \"p_value\": [0.42]}") Object outputs,
            @Schema(description = "Typed models: cells read as missing because their level was not seen in training; "
                    + "absent when there are none (not part of TF-Serving's API)", nullable = true)
            List<String> warnings) {
    }

    /** One row of the score signature: TF-Serving's row format for a signature with several named outputs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScorePrediction(
            @Schema(description = "The row's anomaly score, in the model's normalized space") double score,
            @JsonProperty("is_anomaly") @Schema(description = "Whether the score is above the calibrated threshold; "
                    + "calibrated models only", nullable = true) Boolean isAnomaly,
            @JsonProperty("p_value") @Schema(description = "Split-conformal p-value; calibrated models only",
                    nullable = true) Double pValue) {

        static ScorePrediction[] rows(ScoreResult s) {
            ScorePrediction[] rows = new ScorePrediction[s.scores().length];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = new ScorePrediction(s.scores()[r], s.anomalies() == null ? null : s.anomalies()[r],
                        s.pValues() == null ? null : s.pValues()[r]);
            }
            return rows;
        }
    }

    /** The score signature's answer in columnar format: each named output over all rows. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScoreOutputs(double[] score, @JsonProperty("is_anomaly") boolean[] isAnomaly,
            @JsonProperty("p_value") double[] pValue) {

        static ScoreOutputs of(ScoreResult s) {
            return new ScoreOutputs(s.scores(), s.anomalies(), s.pValues());
        }
    }

    /** The signatures a model serves; the input of each is one tensor of rows named {@code input}. */
    enum Signature {
        ENCODE, RECONSTRUCT, SCORE;

        static Signature named(String name) {
            if (name == null || name.equals("serving_default")) {
                return ENCODE;
            }
            for (Signature s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return s;
                }
            }
            throw ProtocolException.badRequest("Serving signature name: \"" + name + "\" not found; the signatures "
                    + "are encode (the default, also serving_default), reconstruct and score");
        }
    }
}
