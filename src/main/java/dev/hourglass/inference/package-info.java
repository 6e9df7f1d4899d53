/**
 * Inference on trained models: encode, decode, reconstruct, sample and anomaly scores, with input rows
 * validated and normalized by the model's own normalizer, and models cached after their first load. Beside
 * the native API, two serving protocols call the same service: TF-Serving's REST predict API
 * ({@code TfServingController}) and the Open Inference Protocol, KServe v2 ({@code KServeController}), with
 * errors in their own {@code {"error": "…"}} shape ({@code ServingProtocolAdvice}).
 */
package dev.hourglass.inference;
